package dev.accessconsole.authz.api;

import java.util.List;

/** The role matrix as data ({@link AccessDecisions#organizationRoles()}, {@link AccessDecisions#workspaceRoles()}): for {@code GET /v1/roles} and documentation. */
public final class RoleMatrix {

    public record OrgRoleEntry(OrgRole role, List<Permission> permissions, WorkspaceRole defaultWorkspaceRole,
                               WorkspaceRole impliedWorkspaceRole, WorkspaceRole impliedClaudeCodeWorkspaceRole) {
    }

    public record WorkspaceRoleEntry(WorkspaceRole role, List<Permission> permissions, boolean assignable) {
    }

    private RoleMatrix() {
    }
}
