package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.RoleMatrix;
import dev.accessconsole.domain.application.OrganizationService;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The official {@code rbac_roles} service: the roles a group can carry, each with its organization-level permissions
 * ({@code {action, resource}}), generated from the policy that enforces them.
 */
@Path("/organizations/rbac_roles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.ORGANIZATION_READ)
public class RbacRolesResource {

    @Inject
    AccessDecisions decisions;

    public record SourceJson(String type) {
    }

    public record RbacRoleJson(String id, String type, String displayName, SourceJson source, Instant createdAt, Instant updatedAt) {
    }

    public record ResourceJson(String type, String organizationId) {
    }

    public record PermissionJson(String type, String action, ResourceJson resource) {
    }

    @Inject
    OrganizationService organizations;

    @Inject
    AccessContext access;

    @GET
    public PageCursorJson<RbacRoleJson> listRbacRoles(@QueryParam("limit") String limit, @QueryParam("page") String page) {
        List<RbacRoleJson> roles = decisions.organizationRoles().stream().map(entry -> role(entry.role())).toList();
        return paged(roles, RbacRoleJson::id, Params.page(limit, page, null));
    }

    @GET
    @Path("/{rbac_role_id}")
    public RbacRoleJson getRbacRole(@PathParam("rbac_role_id") String roleId) {
        return role(builtIn(roleId));
    }

    @GET
    @Path("/{rbac_role_id}/permissions")
    public PageCursorJson<PermissionJson> listRbacRolePermissions(@PathParam("rbac_role_id") String roleId,
                                                                  @QueryParam("limit") String limit, @QueryParam("page") String page) {
        OrgRole role = builtIn(roleId);
        ResourceJson organization = new ResourceJson("organization", access.organizationId());
        List<PermissionJson> permissions = decisions.organizationRoles().stream().filter(entry -> entry.role() == role).findFirst().orElseThrow()
                .permissions().stream().map(p -> new PermissionJson("rbac_role_permission", p.value(), organization)).toList();
        return paged(permissions, PermissionJson::action, Params.page(limit, page, null));
    }

    private RbacRoleJson role(OrgRole role) {
        // built-in roles are as old as the organization
        Instant created = organizations.get(access.organizationId()).createdAt();
        return new RbacRoleJson(role.roleId(), "rbac_role", role.displayName(), new SourceJson("built_in"), created, created);
    }

    private static OrgRole builtIn(String roleId) {
        return OrgRole.fromRoleId(roleId).orElseThrow(() -> DomainException.notFound(ErrorCode.RBAC_ROLE_NOT_FOUND, "rbac_role"));
    }

    /** A short, fixed list paged like the official ones: {@code page} is the last id of the previous page. */
    private static <T> PageCursorJson<T> paged(List<T> all, Function<T, String> id, PageRequest request) {
        List<T> after = new ArrayList<>();
        boolean started = request.afterId() == null;
        for (T item : all) {
            if (started) {
                after.add(item);
            } else if (id.apply(item).equals(request.afterId())) {
                started = true;
            }
        }
        if (!started) {
            throw DomainException.invalid(ErrorCode.INVALID_PAGE, "page is not a page token of this list.");
        }
        boolean more = after.size() > request.limit();
        Page<T> page = new Page<>(more ? after.subList(0, request.limit()) : after, more);
        return PageCursorJson.of(page, id, Function.identity());
    }
}
