package dev.accessconsole.authz.api;

/**
 * The guard could not decide: something it reads to decide (the caller's standing, a workspace) failed. Not a refusal
 * and never an answer by itself: it carries its cause, and transports answer by that cause, a dependency that could not
 * answer with {@link ServiceUnavailable}'s {@code authorization_check_unavailable}, anything else as the fault it is.
 * Nothing is allowed when the check fails.
 */
public final class AccessCheckFailed extends RuntimeException {

    public AccessCheckFailed(RuntimeException cause) {
        super("the access check could not be made: " + cause, cause, false, false);
    }
}
