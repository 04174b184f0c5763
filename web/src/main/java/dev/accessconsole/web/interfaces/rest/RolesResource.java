package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.policy.AccessPolicy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.List;

/** The role matrix, generated from the same policy that enforces it. */
@Path("/roles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

    public record PermissionJson(String name, String scope, String description) {
    }

    public record OrgRoleJson(String role, List<String> permissions, String defaultWorkspaceRole,
                              String impliedWorkspaceRole, String impliedClaudeCodeWorkspaceRole) {
    }

    public record WorkspaceRoleJson(String role, List<String> permissions, boolean assignable) {
    }

    public record MatrixJson(List<PermissionJson> permissions, List<OrgRoleJson> organizationRoles,
                             List<WorkspaceRoleJson> workspaceRoles, List<String> workspaceRoleOrder) {
    }

    @GET
    @AnyAuthenticatedCaller
    public MatrixJson matrix() {
        List<PermissionJson> permissions = Arrays.stream(Permission.values())
                .map(p -> new PermissionJson(p.value(), p.scope().name().toLowerCase(), p.description())).toList();
        List<OrgRoleJson> orgRoles = Arrays.stream(OrgRole.values())
                .map(r -> new OrgRoleJson(r.value(), names(AccessPolicy.organizationPermissions(r)),
                        AccessPolicy.defaultWorkspaceRole(r).value(),
                        AccessPolicy.impliedRole(r, WorkspaceKind.STANDARD).map(WorkspaceRole::value).orElse(null),
                        AccessPolicy.effectiveWorkspaceRole(r, WorkspaceKind.CLAUDE_CODE, null).role() == null
                                ? null : AccessPolicy.effectiveWorkspaceRole(r, WorkspaceKind.CLAUDE_CODE, null).role().value()))
                .toList();
        List<WorkspaceRoleJson> workspaceRoles = Arrays.stream(WorkspaceRole.values())
                .map(r -> new WorkspaceRoleJson(r.value(), names(AccessPolicy.workspacePermissions(r)), r.assignable())).toList();
        return new MatrixJson(permissions, orgRoles, workspaceRoles, Arrays.stream(WorkspaceRole.values()).map(WorkspaceRole::value).toList());
    }

    private static List<String> names(java.util.Set<Permission> permissions) {
        return permissions.stream().map(Permission::value).toList();
    }
}
