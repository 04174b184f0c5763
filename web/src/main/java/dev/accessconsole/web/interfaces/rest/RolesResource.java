package dev.accessconsole.web.interfaces.rest;

import jakarta.inject.Inject;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.authz.api.RoleMatrix;
import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
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

    @Inject
    AccessDecisions decisions;

    /** A permission of the catalog; {@code module}: the module that declared it (null: built in). */
    public record PermissionJson(String name, String scope, String description, String module) {
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
        List<PermissionJson> permissions = decisions.permissions().stream()
                .map(p -> new PermissionJson(p.value(), p.scope().name().toLowerCase(), p.description(), p.module())).toList();
        List<OrgRoleJson> orgRoles = decisions.organizationRoles().stream()
                .map(r -> new OrgRoleJson(r.role().value(), names(r.permissions()), r.defaultWorkspaceRole().value(),
                        value(r.impliedWorkspaceRole()), value(r.impliedClaudeCodeWorkspaceRole())))
                .toList();
        List<WorkspaceRoleJson> workspaceRoles = decisions.workspaceRoles().stream()
                .map(r -> new WorkspaceRoleJson(r.role().value(), names(r.permissions()), r.assignable())).toList();
        return new MatrixJson(permissions, orgRoles, workspaceRoles, Arrays.stream(WorkspaceRole.values()).map(WorkspaceRole::value).toList());
    }

    private static String value(WorkspaceRole role) {
        return role == null ? null : role.value();
    }

    private static List<String> names(java.util.Collection<Permission> permissions) {
        return permissions.stream().map(Permission::value).toList();
    }
}
