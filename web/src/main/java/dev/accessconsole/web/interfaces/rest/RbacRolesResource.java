package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.CustomRoleService;
import dev.accessconsole.domain.application.OrganizationService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DefinedRole;
import dev.accessconsole.web.interfaces.rest.json.Requests;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The official {@code rbac_roles} service: the roles a group can carry, each with its permissions ({@code {action,
 * resource}}): the built-in ones (their organization-level permissions, generated from the policy that enforces them),
 * then the organization's custom roles, which its signed-in admins define here (this product's own writes).
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

    public record DeletedJson(String id, String type) {
    }

    public record ResourceJson(String type, String organizationId) {
    }

    public record PermissionJson(String type, String action, ResourceJson resource) {
    }

    @Inject
    OrganizationService organizations;

    @Inject
    CustomRoleService customRoles;

    @Inject
    AccessContext access;

    @GET
    public PageCursorJson<RbacRoleJson> listRbacRoles(@QueryParam("limit") String limit, @QueryParam("page") String page) {
        List<RbacRoleJson> roles = new ArrayList<>(decisions.organizationRoles().stream().map(entry -> role(entry.role())).toList());
        customRoles.list(access.organizationId()).forEach(role -> roles.add(custom(role)));
        return paged(roles, RbacRoleJson::id, Params.page(limit, page, null));
    }

    @GET
    @Path("/{rbac_role_id}")
    public RbacRoleJson getRbacRole(@PathParam("rbac_role_id") String roleId) {
        Optional<OrgRole> builtIn = OrgRole.fromRoleId(roleId);
        return builtIn.isPresent() ? role(builtIn.get()) : custom(customRoles.get(access.organizationId(), roleId));
    }

    @GET
    @Path("/{rbac_role_id}/permissions")
    public PageCursorJson<PermissionJson> listRbacRolePermissions(@PathParam("rbac_role_id") String roleId,
                                                                  @QueryParam("limit") String limit, @QueryParam("page") String page) {
        ResourceJson organization = new ResourceJson("organization", access.organizationId());
        Optional<OrgRole> builtIn = OrgRole.fromRoleId(roleId);
        List<String> names = builtIn.isPresent()
                ? decisions.organizationRoles().stream().filter(entry -> entry.role() == builtIn.get()).findFirst().orElseThrow()
                        .permissions().stream().map(Permission::value).toList()
                : customRoles.get(access.organizationId(), roleId).permissionNames();
        List<PermissionJson> permissions = names.stream().map(name -> new PermissionJson("rbac_role_permission", name, organization)).toList();
        return paged(permissions, PermissionJson::action, Params.page(limit, page, null));
    }

    /** Defines a custom role (signed-in admins: members:manage, never through an Admin API key). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public RbacRoleJson createRbacRole(Requests.CreateRbacRole body) {
        Requests.CreateRbacRole request = Params.body(body);
        return custom(customRoles.create(actor(), access.organizationId(), request.displayName(), request.permissions()));
    }

    /** Renames a custom role and/or replaces its permissions: every holder has the new ones from the next request, on every node. */
    @POST
    @Path("/{rbac_role_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public RbacRoleJson updateRbacRole(@PathParam("rbac_role_id") String roleId, Requests.UpdateRbacRole body) {
        Requests.UpdateRbacRole request = body == null ? new Requests.UpdateRbacRole(null, null) : body;
        return custom(customRoles.update(actor(), access.organizationId(), roleId, request.displayName(), request.permissions()));
    }

    /** Deletes a custom role no group carries (409 role_in_use otherwise). */
    @DELETE
    @Path("/{rbac_role_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public DeletedJson deleteRbacRole(@PathParam("rbac_role_id") String roleId) {
        return new DeletedJson(customRoles.delete(actor(), access.organizationId(), roleId).id(), "rbac_role_deleted");
    }

    private RbacRoleJson role(OrgRole role) {
        // built-in roles are as old as the organization
        Instant created = organizations.get(access.organizationId()).createdAt();
        return new RbacRoleJson(role.roleId(), "rbac_role", role.displayName(), new SourceJson("built_in"), created, created);
    }

    private static RbacRoleJson custom(DefinedRole role) {
        return new RbacRoleJson(role.id(), "rbac_role", role.displayName(), new SourceJson("custom"), role.createdAt(), role.updatedAt());
    }

    private Actor actor() {
        return Actor.of(access.standing());
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
