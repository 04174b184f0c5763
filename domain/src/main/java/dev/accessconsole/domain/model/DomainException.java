package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.RequestRefused;

import java.util.Map;

/**
 * A request the domain refuses by one of its rules (not a missing permission: that is the authz module's
 * {@link dev.accessconsole.authz.api.AccessDeniedException.MissingPermission}, whoever decides it), with its
 * {@link ErrorCode}. Carries no stack trace: it is an answer, not a fault.
 */
public class DomainException extends RequestRefused {

    private final Map<String, String> details;

    private final ErrorCode errorCode;

    private DomainException(ErrorCode code, String wireCode, String message, Map<String, String> details) {
        super(code.kind(), wireCode == null ? code.value() : wireCode, message);
        this.errorCode = code;
        this.details = details;
    }

    /** The product's code of this refusal. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** A rule of the product that withholds a permission from this principal (answered as the guard's refusals are, naming it). */
    public static dev.accessconsole.authz.api.AccessDeniedException.MissingPermission missingPermission(ErrorCode code, String permission,
                                                                                                        String detail) {
        return new dev.accessconsole.authz.api.AccessDeniedException.MissingPermission(code.kind(), code.value(), permission, detail);
    }

    public static DomainException invalid(ErrorCode code, String message) {
        return new DomainException(code, null, message, Map.of());
    }

    /** A field of the request that is missing or malformed: {@code invalid_<field>}, with {@code details.field}. */
    public static DomainException invalidField(String field, String message) {
        return new DomainException(ErrorCode.INVALID_FIELD, "invalid_" + field, message, Map.of("field", field));
    }

    /** Something this organization does not have, or that the caller may not know of: the same answer for both. */
    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, null, "The requested " + what + " was not found.", Map.of());
    }

    /** The same, with the error code the official API gives for that kind of object ({@code rbac_group_not_found}). */
    public static DomainException notFound(ErrorCode code, String what) {
        return new DomainException(code, null, "The requested " + what + " was not found.", Map.of());
    }

    /** An API key that does not verify: 401, the same answer whatever the reason (unknown, inactive, archived, bound to someone who left). */
    public static DomainException invalidApiKey() {
        return new DomainException(ErrorCode.INVALID_API_KEY, null, "Invalid API key.", Map.of());
    }

    /** A refusal with facts the caller needs to act on it (which limit, until when), as {@code error.details}. */
    public static DomainException refused(ErrorCode code, String message, Map<String, String> details) {
        return new DomainException(code, null, message, Map.copyOf(details));
    }

    public static DomainException conflict(String message) {
        return new DomainException(ErrorCode.CONFLICT, null, message, Map.of());
    }

    @Override
    public Map<String, String> details() {
        return details;
    }
}
