package dev.accessconsole.authz.api;

/** Where a permission is decided: by the organization role alone, or by the effective role in one workspace. */
public enum PermissionScope {
    ORGANIZATION,
    WORKSPACE
}
