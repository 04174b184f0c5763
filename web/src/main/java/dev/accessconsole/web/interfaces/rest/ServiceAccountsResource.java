package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.domain.application.ServiceAccountService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ServiceAccount;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import dev.accessconsole.web.interfaces.rest.json.Requests;
import dev.accessconsole.web.interfaces.rest.json.ServiceAccountJson;
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

/** The Admin API's service accounts (members:manage) and their workspace memberships (workspace_members:manage there). */
@Path("/organizations/service_accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceAccountsResource {

    @Inject
    ServiceAccountService accounts;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public PageCursorJson<ServiceAccountJson> listServiceAccounts(@QueryParam("include_archived") String includeArchived,
                                                                  @QueryParam("limit") String limit,
                                                                  @QueryParam("page") String page) {
        var found = accounts.list(access.organizationId(), Params.flag(includeArchived, "include_archived"), Params.page(limit, page, null));
        return PageCursorJson.of(found, ServiceAccount::id, ServiceAccountJson::of);
    }

    @POST
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public ServiceAccountJson createServiceAccount(Requests.CreateServiceAccount body) {
        Requests.CreateServiceAccount request = Params.body(body);
        return ServiceAccountJson.of(accounts.create(Actor.of(access.standing()), access.organizationId(), request.name(),
                request.description(), role(request.organizationRole())));
    }

    @GET
    @Path("/{service_account_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public ServiceAccountJson getServiceAccount(@PathParam("service_account_id") String serviceAccountId) {
        return ServiceAccountJson.of(accounts.get(access.organizationId(), serviceAccountId));
    }

    @POST
    @Path("/{service_account_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public ServiceAccountJson updateServiceAccount(@PathParam("service_account_id") String serviceAccountId,
                                                   Requests.UpdateServiceAccount body) {
        Requests.UpdateServiceAccount request = Params.body(body);
        var changed = accounts.update(Actor.of(access.standing()), access.organizationId(), serviceAccountId,
                request.description(), role(request.organizationRole()));
        return ServiceAccountJson.of(changed.account(), changed.archivedKeys());
    }

    /** Archives the account for good, with its keys. */
    @POST
    @Path("/{service_account_id}/archive")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public ServiceAccountJson archiveServiceAccount(@PathParam("service_account_id") String serviceAccountId) {
        return ServiceAccountJson.of(accounts.archive(Actor.of(access.standing()), access.organizationId(), serviceAccountId));
    }

    @GET
    @Path("/{service_account_id}/workspaces")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public PageCursorJson<ServiceAccountJson.Member> listServiceAccountWorkspaces(@PathParam("service_account_id") String serviceAccountId,
                                                                                  @QueryParam("limit") String limit,
                                                                                  @QueryParam("page") String page) {
        var found = accounts.memberships(access.organizationId(), serviceAccountId, Params.page(limit, page, null));
        return PageCursorJson.of(found, ServiceAccountService.Membership::workspaceId, ServiceAccountJson.Member::of);
    }

    @POST
    @Path("/{service_account_id}/workspaces")
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public ServiceAccountJson.Member addServiceAccountWorkspace(@PathParam("service_account_id") String serviceAccountId,
                                                                @WorkspaceId Requests.AddServiceAccountToWorkspace body) {
        Requests.AddServiceAccountToWorkspace request = Params.body(body);
        return ServiceAccountJson.Member.of(accounts.add(Actor.of(access.standing()), access.organizationId(), request.workspaceId(),
                serviceAccountId, Params.workspaceRole(request.workspaceRole())));
    }

    @DELETE
    @Path("/{service_account_id}/workspaces/{workspace_id}")
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public ServiceAccountJson.MemberDeleted removeServiceAccountWorkspace(@PathParam("service_account_id") String serviceAccountId,
                                                                          @PathParam("workspace_id") @WorkspaceId String workspaceId) {
        var archived = accounts.remove(Actor.of(access.standing()), access.organizationId(), workspaceId, serviceAccountId);
        return new ServiceAccountJson.MemberDeleted("service_account_workspace_member_deleted", serviceAccountId, workspaceId, archived);
    }

    static OrgRole role(String value) {
        return value == null ? null : Params.orgRole(value);
    }
}
