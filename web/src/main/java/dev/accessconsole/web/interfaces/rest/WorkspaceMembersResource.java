package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.domain.application.WorkspaceMemberService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
import dev.accessconsole.web.interfaces.rest.json.Requests;
import dev.accessconsole.web.interfaces.rest.json.WorkspaceMemberJson;
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

/** The Admin API's workspace members; lists and look-ups show implied memberships with their implied role. */
@Path("/organizations/workspaces/{workspace_id}/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspaceMembersResource {

    public record MemberDeletedJson(String type, String userId, String workspaceId) {
    }

    @Inject
    WorkspaceMemberService members;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.WORKSPACE_READ)
    public ListJson<WorkspaceMemberJson> listWorkspaceMembers(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                              @QueryParam("limit") String limit,
                                                              @QueryParam("after_id") String afterId,
                                                              @QueryParam("before_id") String beforeId) {
        var page = members.list(access.organizationId(), workspaceId, Params.page(limit, afterId, beforeId)).map(WorkspaceMemberJson::of);
        return ListJson.of(page, WorkspaceMemberJson::userId);
    }

    @POST
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public WorkspaceMemberJson addWorkspaceMember(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                  Requests.AddWorkspaceMember body) {
        Requests.AddWorkspaceMember request = Params.body(body);
        if (request.userId() == null || request.userId().isBlank()) {
            throw dev.accessconsole.domain.model.DomainException.invalid(ErrorCode.INVALID_USER_ID, "user_id is required.");
        }
        return WorkspaceMemberJson.of(members.add(Actor.of(access.standing()), access.organizationId(), workspaceId,
                request.userId(), Params.workspaceRole(request.workspaceRole())));
    }

    @GET
    @Path("/{user_id}")
    @RequiresPermission(Permissions.WORKSPACE_READ)
    public WorkspaceMemberJson getWorkspaceMember(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                  @PathParam("user_id") String userId) {
        return WorkspaceMemberJson.of(members.get(access.organizationId(), workspaceId, userId));
    }

    @POST
    @Path("/{user_id}")
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public WorkspaceMemberJson updateWorkspaceMember(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                     @PathParam("user_id") String userId,
                                                     Requests.UpdateWorkspaceMember body) {
        return WorkspaceMemberJson.of(members.update(Actor.of(access.standing()), access.organizationId(), workspaceId, userId,
                Params.workspaceRole(Params.body(body).workspaceRole())));
    }

    @DELETE
    @Path("/{user_id}")
    @RequiresPermission(Permissions.WORKSPACE_MEMBERS_MANAGE)
    public MemberDeletedJson removeWorkspaceMember(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                   @PathParam("user_id") String userId) {
        members.remove(Actor.of(access.standing()), access.organizationId(), workspaceId, userId);
        return new MemberDeletedJson("workspace_member_deleted", userId, workspaceId);
    }
}
