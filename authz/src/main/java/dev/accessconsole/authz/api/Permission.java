package dev.accessconsole.authz.api;

import java.util.Arrays;
import java.util.Optional;

/** The permission catalog of roles.md, one constant per permission string ({@code resource:action}). */
public enum Permission {
    ORGANIZATION_READ(Permissions.ORGANIZATION_READ, PermissionScope.ORGANIZATION, "See the organization and one's own permissions"),
    CLAUDE_CODE_USE(Permissions.CLAUDE_CODE_USE, PermissionScope.ORGANIZATION, "Sign in to Claude Code"),
    MEMBERS_MANAGE(Permissions.MEMBERS_MANAGE, PermissionScope.ORGANIZATION, "List, invite, change the role of and remove members"),
    WORKSPACES_CREATE(Permissions.WORKSPACES_CREATE, PermissionScope.ORGANIZATION, "Create workspaces"),
    WORKSPACES_ARCHIVE(Permissions.WORKSPACES_ARCHIVE, PermissionScope.ORGANIZATION, "Archive workspaces"),
    ADMIN_KEYS_MANAGE(Permissions.ADMIN_KEYS_MANAGE, PermissionScope.ORGANIZATION, "Create, list and revoke Admin API keys"),
    AUDIT_READ(Permissions.AUDIT_READ, PermissionScope.ORGANIZATION, "Read the audit log"),
    ACCESS_REVIEW_READ(Permissions.ACCESS_REVIEW_READ, PermissionScope.ORGANIZATION, "Read the access review"),
    BILLING_READ(Permissions.BILLING_READ, PermissionScope.ORGANIZATION, "See billing details"),
    BILLING_MANAGE(Permissions.BILLING_MANAGE, PermissionScope.ORGANIZATION, "Edit company, address and tax id"),

    WORKSPACE_READ(Permissions.WORKSPACE_READ, PermissionScope.WORKSPACE, "See the workspace and its members"),
    WORKBENCH_USE(Permissions.WORKBENCH_USE, PermissionScope.WORKSPACE, "Use Workbench"),
    USAGE_READ(Permissions.USAGE_READ, PermissionScope.WORKSPACE, "See usage"),
    COST_READ(Permissions.COST_READ, PermissionScope.WORKSPACE, "See cost"),
    LIMITS_READ(Permissions.LIMITS_READ, PermissionScope.WORKSPACE, "See limits"),
    API_KEYS_READ(Permissions.API_KEYS_READ, PermissionScope.WORKSPACE, "See API keys"),
    API_KEYS_MANAGE(Permissions.API_KEYS_MANAGE, PermissionScope.WORKSPACE, "Create and manage API keys"),
    WORKSPACE_MANAGE(Permissions.WORKSPACE_MANAGE, PermissionScope.WORKSPACE, "Rename the workspace and set its limits"),
    WORKSPACE_MEMBERS_MANAGE(Permissions.WORKSPACE_MEMBERS_MANAGE, PermissionScope.WORKSPACE, "Add, change and remove workspace members");

    private final String value;
    private final PermissionScope scope;
    private final String description;

    Permission(String value, PermissionScope scope, String description) {
        this.value = value;
        this.scope = scope;
        this.description = description;
    }

    /** The wire name, {@code resource:action}. */
    public String value() {
        return value;
    }

    public PermissionScope scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    public static Optional<Permission> fromValue(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
