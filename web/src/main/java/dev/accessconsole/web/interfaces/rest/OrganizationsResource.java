package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.HeldPermissions;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.application.OrganizationService;
import dev.accessconsole.web.infrastructure.CurrentUser;
import dev.accessconsole.web.interfaces.rest.json.HeldRoleJson;
import dev.accessconsole.web.interfaces.rest.json.OrganizationJson;
import dev.accessconsole.web.interfaces.rest.json.Requests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Creating an organization, reading the current one, and the caller's own permissions in it. */
@Path("/organizations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationsResource {

    /** {@code roles}: every role held, by source; {@code grants}: what grants each permission held (roles.md: each grant's source). */
    public record PermissionsJson(String organizationId, String principalType, String principalId, String organizationRole,
                                  List<HeldRoleJson> roles, String workspaceId, String workspaceRole, List<String> permissions,
                                  List<GrantJson> grants) {

        @Override
        public int hashCode() {
            return java.util.Objects.hash(principalId, workspaceId); // see ListJson.hashCode
        }
    }

    public record GrantJson(String permission, List<String> sources) {

        @Override
        public int hashCode() {
            return permission.hashCode(); // see ListJson.hashCode
        }
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    OrganizationService organizations;

    @Inject
    AccessContext access;

    @Inject
    dev.accessconsole.domain.application.SpendLimitService spendLimits;

    /** Any signed-in person may create an organization; they become its admin and its primary billing email. */
    @POST
    @AnyAuthenticatedCaller
    public OrganizationJson create(Requests.CreateOrganization body) {
        return OrganizationJson.of(organizations.create(currentUser.require(), Params.body(body).name()));
    }

    @GET
    @Path("/me")
    @RequiresPermission(Permissions.ORGANIZATION_READ)
    public OrganizationJson current() {
        return OrganizationJson.of(organizations.get(access.organizationId()));
    }

    /** The caller's own spend: each limit that applies to them (in {@code workspace_id} too, when given) and their increase requests. */
    public record MySpendJson(String type, java.util.List<dev.accessconsole.web.interfaces.rest.json.SpendLimitJson.Mine> data,
                              java.util.List<dev.accessconsole.web.interfaces.rest.json.SpendLimitJson.IncreaseRequest> increaseRequests) {
    }

    @GET
    @Path("/me/spend_limits")
    @RequiresPermission(Permissions.ORGANIZATION_READ)
    public MySpendJson mySpendLimits(@QueryParam("workspace_id") String workspaceId) {
        String workspace = Params.blankToNull(workspaceId);
        if (workspace != null) {
            access.visibleWorkspace(workspace);
        }
        String me = access.principalId();
        return new MySpendJson("my_spend_limits",
                spendLimits.mine(access.organizationId(), me, workspace).stream().map(dev.accessconsole.web.interfaces.rest.json.SpendLimitJson.Mine::of).toList(),
                spendLimits.requests(access.organizationId(), java.util.List.of(me), java.util.List.of()).stream()
                        .map(dev.accessconsole.web.interfaces.rest.json.SpendLimitJson.IncreaseRequest::of).toList());
    }

    /** The caller's effective permissions in the organization, and in one workspace when {@code workspace_id} is given. */
    @GET
    @Path("/me/permissions")
    @RequiresPermission(Permissions.ORGANIZATION_READ)
    public PermissionsJson myPermissions(@QueryParam("workspace_id") String workspaceId) {
        String workspace = Params.blankToNull(workspaceId);
        // a workspace the caller cannot see answers exactly as one that does not exist
        HeldPermissions held = access.held(workspace);
        MemberStanding standing = access.standing();
        List<String> permissions = held.permissions().stream().map(Permission::value).toList();
        List<GrantJson> grants = held.grants().entrySet().stream().map(e -> new GrantJson(e.getKey().value(), e.getValue())).toList();
        return new PermissionsJson(standing.organizationId(), standing.isAdminApiKey() ? "admin_api_key" : "user",
                standing.principalId(), standing.directRole() == null ? null : standing.directRole().value(), HeldRoleJson.of(standing.roles(), standing.customRoles()),
                workspace, held.effectiveRole() == null ? null : held.effectiveRole().value(), permissions, grants);
    }
}
