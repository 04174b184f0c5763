package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.domain.application.ServiceAccountService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
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

/** The service accounts of a workspace (workspace_members:manage there): every account in Default, explicit members elsewhere. */
@Path("/organizations/workspaces/{workspace_id}/service_accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspaceServiceAccountsResource {

    @Inject
    ServiceAccountService accounts;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public PageCursorJson<ServiceAccountJson.Member> listWorkspaceServiceAccounts(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                                                  @QueryParam("limit") String limit,
                                                                                  @QueryParam("page") String page) {
        var found = accounts.members(access.organizationId(), workspaceId, Params.page(limit, page, null));
        return PageCursorJson.of(found, ServiceAccountService.Membership::serviceAccountId, ServiceAccountJson.Member::of);
    }

    @POST
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public ServiceAccountJson.Member addWorkspaceServiceAccount(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                                Requests.AddWorkspaceServiceAccount body) {
        Requests.AddWorkspaceServiceAccount request = Params.body(body);
        if (request.serviceAccountId() == null || request.serviceAccountId().isBlank()) {
            throw DomainException.invalidField("service_account_id", "service_account_id is required.");
        }
        return ServiceAccountJson.Member.of(accounts.add(Actor.of(access.standing()), access.organizationId(), workspaceId,
                request.serviceAccountId(), Params.workspaceRole(request.workspaceRole())));
    }

    @GET
    @Path("/{service_account_id}")
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public ServiceAccountJson.Member getWorkspaceServiceAccount(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                                @PathParam("service_account_id") String serviceAccountId) {
        return ServiceAccountJson.Member.of(accounts.membership(access.organizationId(), workspaceId, serviceAccountId));
    }

    @POST
    @Path("/{service_account_id}")
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public ServiceAccountJson.Member updateWorkspaceServiceAccount(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                                   @PathParam("service_account_id") String serviceAccountId,
                                                                   Requests.UpdateWorkspaceServiceAccount body) {
        return ServiceAccountJson.Member.of(accounts.change(Actor.of(access.standing()), access.organizationId(), workspaceId,
                serviceAccountId, Params.workspaceRole(Params.body(body).workspaceRole())));
    }

    @DELETE
    @Path("/{service_account_id}")
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public ServiceAccountJson.MemberDeleted removeWorkspaceServiceAccount(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                                         @PathParam("service_account_id") String serviceAccountId) {
        var archived = accounts.remove(Actor.of(access.standing()), access.organizationId(), workspaceId, serviceAccountId);
        return new ServiceAccountJson.MemberDeleted("service_account_workspace_member_deleted", serviceAccountId, workspaceId, archived);
    }
}
