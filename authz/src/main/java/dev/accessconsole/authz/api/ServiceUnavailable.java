package dev.accessconsole.authz.api;

/**
 * A dependency (the database, the cluster) could not answer: neither the caller's fault nor a bug. api.md: 503
 * {@code api_error} with {@code Retry-After}, and the official client's codes: {@link ErrorCode#AUTHORIZATION_CHECK_UNAVAILABLE}
 * when the access decision could not be made, {@link ErrorCode#CHANGE_OUTCOME_UNKNOWN} when a change may or may not have
 * been applied, {@link ErrorCode#SERVICE_UNAVAILABLE} otherwise.
 */
public final class ServiceUnavailable extends RequestRefused {

    /** What {@code Retry-After} says, in seconds: the database or the cluster is usually back within that. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private ServiceUnavailable(ErrorCode code, String message) {
        super(code, null, message);
    }

    /** The unavailability of a request that failed as {@code duringCheck} (the guard could not decide) or while serving. */
    public static ServiceUnavailable of(boolean duringCheck, boolean change) {
        if (duringCheck) {
            return new ServiceUnavailable(ErrorCode.AUTHORIZATION_CHECK_UNAVAILABLE,
                    "Access could not be checked right now (a service it depends on did not answer); nothing was done. Retry shortly.");
        }
        if (change) {
            return new ServiceUnavailable(ErrorCode.CHANGE_OUTCOME_UNKNOWN,
                    "A service this change depends on did not answer: it may or may not have been applied. Check, then retry.");
        }
        return new ServiceUnavailable(ErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable right now. Retry shortly.");
    }
}
