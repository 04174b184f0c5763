package dev.accessconsole.authz.api;

import java.util.Set;

/** What the caller holds in one workspace it can see: its effective role there and every permission, org-level included. */
public record HeldPermissions(WorkspaceStanding workspace, WorkspaceRole effectiveRole, Set<Permission> permissions) {

    /** In catalog order. */
    public HeldPermissions {
        java.util.EnumSet<Permission> ordered = java.util.EnumSet.noneOf(Permission.class);
        ordered.addAll(permissions);
        permissions = java.util.Collections.unmodifiableSet(ordered);
    }
}
