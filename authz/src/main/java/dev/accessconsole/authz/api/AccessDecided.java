package dev.accessconsole.authz.api;

/**
 * Fired (as a CDI event, synchronously) for every decision the enforcement interceptors make before a guarded call:
 * which declaration was decided, and how. A host counts them (this product's metrics do); the event carries no caller,
 * no organization and no argument, so what observes it cannot leak them. {@code errorCode} is the refusal's
 * {@code error_code} when {@code outcome} is {@link Outcome#REFUSED}, else null.
 */
public record AccessDecided(AccessDeclaration declaration, Outcome outcome, String errorCode) {

    public enum Outcome {
        /** The call went ahead. */
        ALLOWED,
        /** The call was refused (the caller's answer is a 4xx). */
        REFUSED,
        /** What the decision reads could not answer (the database, the cluster): nothing was allowed. */
        UNAVAILABLE;

        /** The outcome as metrics and logs name it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
