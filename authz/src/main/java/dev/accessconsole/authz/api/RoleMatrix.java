package dev.accessconsole.authz.api;

import dev.accessconsole.authz.policy.AccessPolicy;

import java.util.Arrays;
import java.util.List;

/** The role matrix as data, generated from the policy that enforces it (for {@code GET /v1/roles} and documentation). */
public final class RoleMatrix {

    public record OrgRoleEntry(OrgRole role, List<Permission> permissions, WorkspaceRole defaultWorkspaceRole,
                               WorkspaceRole impliedWorkspaceRole, WorkspaceRole impliedClaudeCodeWorkspaceRole) {
    }

    public record WorkspaceRoleEntry(WorkspaceRole role, List<Permission> permissions, boolean assignable) {
    }

    private RoleMatrix() {
    }

    public static List<OrgRoleEntry> organizationRoles() {
        return Arrays.stream(OrgRole.values()).map(r -> new OrgRoleEntry(r, List.copyOf(AccessPolicy.organizationPermissions(r)),
                AccessPolicy.defaultWorkspaceRole(r), AccessPolicy.impliedRole(r, WorkspaceKind.STANDARD).orElse(null),
                AccessPolicy.effectiveWorkspaceRole(r, WorkspaceKind.CLAUDE_CODE, null).role())).toList();
    }

    /** Workspace roles, lowest to highest. */
    public static List<WorkspaceRoleEntry> workspaceRoles() {
        return Arrays.stream(WorkspaceRole.values())
                .map(r -> new WorkspaceRoleEntry(r, List.copyOf(AccessPolicy.workspacePermissions(r)), r.assignable())).toList();
    }
}
