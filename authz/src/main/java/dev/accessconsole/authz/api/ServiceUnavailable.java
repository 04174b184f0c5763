package dev.accessconsole.authz.api;

/**
 * A dependency (the database, the cluster) could not answer: neither the caller's fault nor a bug. A 503 with
 * {@code Retry-After} over HTTP, with the official Anthropic client's codes: {@link #AUTHORIZATION_CHECK_UNAVAILABLE}
 * when the access decision could not be made, {@link #CHANGE_OUTCOME_UNKNOWN} when a change may or may not have been
 * applied, {@link #SERVICE_UNAVAILABLE} otherwise.
 */
public final class ServiceUnavailable extends RequestRefused {

    public static final String AUTHORIZATION_CHECK_UNAVAILABLE = "authorization_check_unavailable";
    public static final String CHANGE_OUTCOME_UNKNOWN = "change_outcome_unknown";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";

    /** What {@code Retry-After} says, in seconds: the database or the cluster is usually back within that. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private ServiceUnavailable(String code, String message) {
        super(RefusalKind.SERVICE_UNAVAILABLE, code, message);
    }

    /** The unavailability of a request that failed as {@code duringCheck} (the guard could not decide) or while serving. */
    public static ServiceUnavailable of(boolean duringCheck, boolean change) {
        if (duringCheck) {
            return new ServiceUnavailable(AUTHORIZATION_CHECK_UNAVAILABLE,
                    "Access could not be checked right now (a service it depends on did not answer); nothing was done. Retry shortly.");
        }
        if (change) {
            return new ServiceUnavailable(CHANGE_OUTCOME_UNKNOWN,
                    "A service this change depends on did not answer: it may or may not have been applied. Check, then retry.");
        }
        return new ServiceUnavailable(SERVICE_UNAVAILABLE, "The service is unavailable right now. Retry shortly.");
    }
}
