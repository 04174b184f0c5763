package dev.accessconsole.authz.api;

import java.util.Map;

/**
 * A request refused on purpose: an answer, not a fault (no stack trace). Every refusal, by the guard
 * ({@link AccessDeniedException}) or by a host's own rule, is one of these, with its {@link RefusalKind}, its
 * {@code error_code} and the details a client may read ({@code details.permission}, {@code details.field}). Transports
 * map it by kind; the enforcement interceptors report every one of them.
 */
public abstract class RequestRefused extends RuntimeException {

    private final RefusalKind kind;
    private final String code;

    protected RequestRefused(RefusalKind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public RefusalKind kind() {
        return kind;
    }

    /** {@code error.details.error_code} on the wire. */
    public String code() {
        return code;
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
