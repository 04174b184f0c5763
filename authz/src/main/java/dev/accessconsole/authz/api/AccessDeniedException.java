package dev.accessconsole.authz.api;

import java.util.Map;

/**
 * Why a caller was refused access: by the guard before a guarded call, or by a service rule that denies a principal an
 * action (an Admin API key demoting an admin, an unverified email accepting an invite). Transport layers map the
 * subclasses to their own error shapes (the web module: 401, 404, 403, 400). A {@link MissingPermission} always names
 * the permission, whoever decided it.
 */
public abstract sealed class AccessDeniedException extends RequestRefused {

    /** The library's {@code error_code}s. */
    public static final String AUTHENTICATION_REQUIRED = "authentication_required";
    public static final String SESSION_ENDED = "session_ended";
    public static final String NOT_FOUND = "not_found";
    public static final String MISSING_PERMISSION = "missing_permission";
    public static final String ORGANIZATION_REQUIRED = "organization_required";

    protected AccessDeniedException(RefusalKind kind, String code, String message) {
        super(kind, code, message);
    }

    /** No valid credential at all. */
    public static final class Unauthenticated extends AccessDeniedException {
        public Unauthenticated() {
            super(RefusalKind.AUTHENTICATION, AUTHENTICATION_REQUIRED, "A valid credential is required: send 'Authorization: Bearer <token>' or 'x-api-key'.");
        }
    }

    /** A valid token issued before its holder's sessions in the organization were ended (sign-out, suspension). */
    public static final class SessionEnded extends AccessDeniedException {
        public SessionEnded() {
            super(RefusalKind.AUTHENTICATION, SESSION_ENDED, "Your sessions in this organization were ended: sign in again for a new token.");
        }
    }

    /**
     * The organization, workspace or resource does not exist for this caller; says nothing about whether it exists at
     * all: the answer (message included) is the same for something of another organization and for nothing.
     */
    public static final class NotVisible extends AccessDeniedException {
        private final String resource;

        public NotVisible(String resource) {
            super(RefusalKind.NOT_FOUND, NOT_FOUND, "The requested " + resource + " was not found.");
            this.resource = resource;
        }

        public String resource() {
            return resource;
        }
    }

    /** The caller sees the resource but lacks the permission for the action (or a rule withholds it from this principal). */
    public static final class MissingPermission extends AccessDeniedException {
        private final String permission;

        public MissingPermission(String permission, String detail) {
            this(RefusalKind.PERMISSION, MISSING_PERMISSION, permission, detail);
        }

        /** A rule that withholds the permission from this principal, with its own code (and kind: a 400 for some). */
        public MissingPermission(RefusalKind kind, String code, String permission, String detail) {
            super(kind, code, "Missing permission '" + permission + "'" + (detail == null ? "." : ": " + detail));
            this.permission = permission;
        }

        @Override
        public String permission() {
            return permission;
        }

        @Override
        public Map<String, String> details() {
            return Map.of("permission", permission);
        }
    }

    /** The request did not say which organization it acts on and the caller has no single one to default to. */
    public static final class OrganizationUnresolved extends AccessDeniedException {
        public OrganizationUnresolved() {
            super(RefusalKind.INVALID_REQUEST, ORGANIZATION_REQUIRED, "Cannot tell which organization this request acts on: send the 'anthropic-organization-id' header.");
        }
    }
}
