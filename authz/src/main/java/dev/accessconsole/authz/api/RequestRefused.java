package dev.accessconsole.authz.api;

import java.util.Map;

/**
 * A request the product refuses on purpose: an answer, not a fault (no stack trace). Every refusal, by the guard
 * ({@link AccessDeniedException}) or by a rule of a service, is one of these, with its {@link ErrorCode} and the
 * details a client may read ({@code details.permission}, {@code details.field}). Transports map it by
 * {@link ErrorCode#kind()}; the enforcement interceptors report every one of them to the audit log.
 */
public abstract class RequestRefused extends RuntimeException {

    private final ErrorCode code;
    private final String wireCode;

    protected RequestRefused(ErrorCode code, String wireCode, String message) {
        super(message, null, false, false);
        this.code = code;
        this.wireCode = wireCode == null ? code.value() : wireCode;
    }

    public ErrorCode code() {
        return code;
    }

    /** {@code error.details.error_code} on the wire. */
    public String wireCode() {
        return wireCode;
    }

    /** Further {@code error.details} entries; none by default. */
    public Map<String, String> details() {
        return Map.of();
    }

    /** The permission this refusal is about, when it is about one. */
    public String permission() {
        return details().get("permission");
    }
}
