package dev.accessconsole.authz.api;

/** Actions that some principals may never take, whatever their role (roles.md, "Admin API restrictions" and after). */
public enum RestrictedAction {
    ASSIGN_ADMIN_ROLE(RefusalKind.INVALID_REQUEST, "admin_role_not_assignable", Permission.MEMBERS_MANAGE, "Admin API keys cannot assign the admin role."),
    CHANGE_ADMIN_ROLE(RefusalKind.PERMISSION, "admin_role_not_changeable", Permission.MEMBERS_MANAGE, "Admin API keys cannot change the role of an admin."),
    REMOVE_ADMIN(RefusalKind.PERMISSION, "admin_not_removable", Permission.MEMBERS_MANAGE, "Admin API keys cannot remove admins."),
    CHANGE_ADMIN_GRANT(RefusalKind.PERMISSION, "admin_role_not_changeable", Permission.MEMBERS_MANAGE,
            "Admin API keys cannot change what grants the admin role (the members, roles or existence of a group carrying it)."),
    SIGN_OUT_ADMIN(RefusalKind.PERMISSION, "cannot_sign_out_privileged_member", Permission.MEMBERS_MANAGE, "Admin API keys cannot sign out an admin."),
    MANAGE_IDENTITY(RefusalKind.PERMISSION, "signed_in_admin_required", Permission.MEMBERS_MANAGE,
            "Only a signed-in admin manages SCIM tokens and sign-in settings, not an Admin API key."),
    CREATE_API_KEY(RefusalKind.PERMISSION, "admin_api_key_cannot_create_keys", Permission.API_KEYS_MANAGE, "Admin API keys cannot create API keys."),
    DEFINE_ROLES(RefusalKind.PERMISSION, "signed_in_admin_required", Permission.MEMBERS_MANAGE,
            "Only a signed-in admin creates, changes or deletes custom roles, not an Admin API key."),
    FEDERATE_ADMIN(RefusalKind.PERMISSION, "admin_role_not_changeable", Permission.MEMBERS_MANAGE,
            "Admin API keys manage federation issuers and rules only for developer service accounts: a workload exchanging a token"
                    + " for an admin service account's is granted admin.");

    private final RefusalKind kind;
    private final String code;
    private final Permission permission;
    private final String reason;

    RestrictedAction(RefusalKind kind, String code, Permission permission, String reason) {
        this.kind = kind;
        this.code = code;
        this.permission = permission;
        this.reason = reason;
    }

    /** The permission the action is taken under. */
    public Permission permission() {
        return permission;
    }

    /** The refusal's {@code error_code}. */
    public String code() {
        return code;
    }

    public RefusalKind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }
}
