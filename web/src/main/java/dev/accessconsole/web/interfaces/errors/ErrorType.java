package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.domain.model.ErrorCode;
/** The error types of the Anthropic API and their HTTP statuses. */
public enum ErrorType {
    INVALID_REQUEST("invalid_request_error", 400),
    AUTHENTICATION("authentication_error", 401),
    PERMISSION("permission_error", 403),
    NOT_FOUND("not_found_error", 404),
    CONFLICT("conflict_error", 409),
    REQUEST_TOO_LARGE("request_too_large", 413),
    RATE_LIMIT("rate_limit_error", 429),
    UNAVAILABLE("api_error", 503),
    API("api_error", 500);

    private final String wireName;
    private final int status;

    ErrorType(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    public String wireName() {
        return wireName;
    }

    public int status() {
        return status;
    }

    /** The type of a kind of refusal. */
    public static ErrorType of(dev.accessconsole.authz.api.RefusalKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> INVALID_REQUEST;
            case AUTHENTICATION -> AUTHENTICATION;
            case PERMISSION -> PERMISSION;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case REQUEST_TOO_LARGE -> REQUEST_TOO_LARGE;
            case RATE_LIMIT -> RATE_LIMIT;
            case SERVICE_UNAVAILABLE -> UNAVAILABLE;
            case INTERNAL -> API;
        };
    }

    /** The type for an HTTP status we did not raise ourselves (405, 406, 415 are invalid requests too). */
    public static ErrorType forStatus(int status) {
        for (ErrorType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? API : INVALID_REQUEST;
    }
}
