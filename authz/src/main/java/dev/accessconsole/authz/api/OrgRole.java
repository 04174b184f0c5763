package dev.accessconsole.authz.api;

import java.util.Arrays;
import java.util.Optional;

/** The five organization roles, by their API values. */
public enum OrgRole {
    USER("user", "User"),
    CLAUDE_CODE_USER("claude_code_user", "Claude Code user"),
    DEVELOPER("developer", "Developer"),
    BILLING("billing", "Billing"),
    ADMIN("admin", "Admin");

    private final String value;
    private final String displayName;

    OrgRole(String value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    /** The role's name as the Console shows it. */
    public String displayName() {
        return displayName;
    }

    public String value() {
        return value;
    }

    /** The role's id among an organization's roles ({@code rbac_roles}): {@code role_} and its value. */
    public String roleId() {
        return "role_" + value;
    }

    public static Optional<OrgRole> fromRoleId(String roleId) {
        return roleId != null && roleId.startsWith("role_") ? fromValue(roleId.substring("role_".length())) : Optional.empty();
    }

    public static Optional<OrgRole> fromValue(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
