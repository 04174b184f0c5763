package dev.accessconsole.domain.model;

/**
 * A request the domain refuses, with the kind of refusal and a stable machine-readable code
 * ({@code error.details.error_code} on the wire). Carries no stack trace: it is an answer, not a fault.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        INVALID_REQUEST, NOT_FOUND, PERMISSION, CONFLICT
    }

    private final Kind kind;
    private final String errorCode;

    public DomainException(Kind kind, String errorCode, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    public static DomainException invalid(String errorCode, String message) {
        return new DomainException(Kind.INVALID_REQUEST, errorCode, message);
    }

    public static DomainException notFound(String what) {
        return new DomainException(Kind.NOT_FOUND, "not_found", "The requested " + what + " was not found.");
    }

    public static DomainException permission(String errorCode, String message) {
        return new DomainException(Kind.PERMISSION, errorCode, message);
    }

    public Kind kind() {
        return kind;
    }

    public String errorCode() {
        return errorCode;
    }
}
