package dev.accessconsole.authz.api;

/**
 * Why a guarded call was refused. Transport layers map the subclasses to their own error shapes
 * (the web module: 401, 404, 403, 400).
 */
public abstract sealed class AccessDeniedException extends RuntimeException {

    protected AccessDeniedException(String message) {
        super(message, null, false, false);
    }

    /** No valid credential at all. */
    public static final class Unauthenticated extends AccessDeniedException {
        public Unauthenticated() {
            super("A valid credential is required: send 'Authorization: Bearer <token>' or 'x-api-key'.");
        }
    }

    /** The organization or workspace does not exist for this caller; says nothing about whether it exists at all. */
    public static final class NotVisible extends AccessDeniedException {
        private final String resource;

        public NotVisible(String resource) {
            super("The requested " + resource + " was not found.");
            this.resource = resource;
        }

        public String resource() {
            return resource;
        }
    }

    /** The caller sees the resource but lacks the permission for the action. */
    public static final class MissingPermission extends AccessDeniedException {
        private final String permission;

        public MissingPermission(String permission, String detail) {
            super("Missing permission '" + permission + "'" + (detail == null ? "." : ": " + detail));
            this.permission = permission;
        }

        public String permission() {
            return permission;
        }
    }

    /** The request did not say which organization it acts on and the caller has no single one to default to. */
    public static final class OrganizationUnresolved extends AccessDeniedException {
        public OrganizationUnresolved() {
            super("Cannot tell which organization this request acts on: send the 'anthropic-organization-id' header.");
        }
    }
}
