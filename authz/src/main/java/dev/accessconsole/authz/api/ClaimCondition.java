package dev.accessconsole.authz.api;

import java.util.Map;

/**
 * Evaluates a federation rule's condition over a token's claims, given to {@link AccessDecisions#matchFederationRule} by the host (CEL in this product). The
 * decision service decides what the answer means; an expression that fails to compile or evaluate is no match.
 */
public interface ClaimCondition {

    /** Whether {@code condition} holds for the claims, available to it as {@code claims}. */
    boolean test(String condition, Map<String, Object> claims) throws InvalidCondition;

    /** A condition that is not a valid expression over {@code claims}, or failed on these claims; the message says why. */
    class InvalidCondition extends Exception {
        public InvalidCondition(String message) {
            super(message, null, false, false);
        }
    }
}
