package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.GroupService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import dev.accessconsole.web.interfaces.rest.json.RbacGroupJson;
import dev.accessconsole.web.interfaces.rest.json.Requests;
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

/**
 * The official {@code rbac_groups} service: an organization's groups, the roles they carry ({@code role_ids}, settable
 * here) and their members. Groups the identity provider manages ({@code source_type} scim) keep their name and members
 * from it; their roles are set here.
 */
@Path("/organizations/rbac_groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.MEMBERS_MANAGE)
public class RbacGroupsResource {

    @Inject
    GroupService groups;

    @Inject
    AccessContext access;

    @GET
    public PageCursorJson<RbacGroupJson> listRbacGroups(@QueryParam("limit") String limit, @QueryParam("page") String page) {
        return PageCursorJson.of(groups.list(access.organizationId(), Params.page(limit, page, null)), RbacGroup::id, RbacGroupJson::of);
    }

    @POST
    public RbacGroupJson createRbacGroup(Requests.CreateRbacGroup body) {
        Requests.CreateRbacGroup request = Params.body(body);
        return RbacGroupJson.of(groups.create(actor(), access.organizationId(), request.name(), request.roleIds(), null));
    }

    @GET
    @Path("/{rbac_group_id}")
    public RbacGroupJson getRbacGroup(@PathParam("rbac_group_id") String groupId) {
        return RbacGroupJson.of(groups.get(access.organizationId(), groupId));
    }

    @POST
    @Path("/{rbac_group_id}")
    public RbacGroupJson updateRbacGroup(@PathParam("rbac_group_id") String groupId, Requests.UpdateRbacGroup body) {
        Requests.UpdateRbacGroup request = body == null ? new Requests.UpdateRbacGroup(null, null) : body;
        GroupService.Changed changed = groups.update(actor(), access.organizationId(), groupId, request.name(), request.roleIds());
        return RbacGroupJson.of(changed.group(), changed.warnings());
    }

    @DELETE
    @Path("/{rbac_group_id}")
    public RbacGroupJson.Deleted deleteRbacGroup(@PathParam("rbac_group_id") String groupId) {
        GroupService.Changed deleted = groups.delete(actor(), access.organizationId(), groupId);
        return new RbacGroupJson.Deleted(deleted.group().id(), "rbac_group_deleted", deleted.warnings().isEmpty() ? null : deleted.warnings());
    }

    @GET
    @Path("/{rbac_group_id}/members")
    public PageCursorJson<RbacGroupJson.Member> listRbacGroupMembers(@PathParam("rbac_group_id") String groupId,
                                                                      @QueryParam("limit") String limit, @QueryParam("page") String page) {
        return PageCursorJson.of(groups.members(actor(), access.organizationId(), groupId, Params.page(limit, page, null)),
                RbacGroupMember::userId, RbacGroupJson.Member::of);
    }

    @POST
    @Path("/{rbac_group_id}/members")
    public RbacGroupJson.Member addRbacGroupMember(@PathParam("rbac_group_id") String groupId, Requests.AddRbacGroupMember body) {
        Requests.AddRbacGroupMember request = Params.body(body);
        return RbacGroupJson.Member.of(groups.addMember(actor(), access.organizationId(), groupId, Params.required("user_id", request.userId())));
    }

    @DELETE
    @Path("/{rbac_group_id}/members/{user_id}")
    public RbacGroupJson.MemberDeleted removeRbacGroupMember(@PathParam("rbac_group_id") String groupId, @PathParam("user_id") String userId) {
        GroupService.Changed changed = groups.removeMember(actor(), access.organizationId(), groupId, userId);
        return new RbacGroupJson.MemberDeleted("rbac_group_member_deleted", groupId, userId, changed.warnings().isEmpty() ? null : changed.warnings());
    }

    private Actor actor() {
        return Actor.of(access.standing());
    }
}
