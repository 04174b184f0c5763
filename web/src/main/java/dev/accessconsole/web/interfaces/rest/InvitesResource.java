package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.InviteService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Invite;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.web.interfaces.rest.json.DeletedJson;
import dev.accessconsole.web.interfaces.rest.json.InviteJson;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
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

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The Admin API's organization invites. */
@Path("/organizations/invites")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.MEMBERS_MANAGE)
public class InvitesResource {

    @Inject
    InviteService invites;

    @Inject
    AccessContext access;

    @POST
    public InviteJson createInvite(Requests.CreateInvite body) {
        Requests.CreateInvite request = Params.body(body);
        return InviteJson.of(invites.create(Actor.of(access.standing()), access.organizationId(), request.email(),
                Params.orgRole(request.role()), request.rbacGroupIds()), Time.now());
    }

    @GET
    public ListJson<InviteJson> listInvites(@QueryParam("limit") String limit,
                                            @QueryParam("after_id") String afterId,
                                            @QueryParam("before_id") String beforeId,
                                            @QueryParam("statuses[]") List<String> statusesBracketed,
                                            @QueryParam("statuses") List<String> statuses,
                                            @QueryParam("status") String status,
                                            @QueryParam("roles[]") List<String> rolesBracketed,
                                            @QueryParam("roles") List<String> roles,
                                            @QueryParam("email") String email) {
        // the official client sends statuses[] and roles[]; status (one value) is this API's earlier spelling
        Set<Invite.Status> statusFilter = EnumSet.noneOf(Invite.Status.class);
        for (String value : Params.values(statusesBracketed, statuses, status == null ? List.of() : List.of(status))) {
            statusFilter.add(Invite.Status.fromValue(value).orElseThrow(() -> DomainException.invalid(ErrorCode.INVALID_STATUS,
                    "statuses[] must each be one of pending, accepted, expired, deleted.")));
        }
        Set<OrgRole> roleFilter = EnumSet.noneOf(OrgRole.class);
        roleFilter.addAll(Params.orgRoles(Params.values(rolesBracketed, roles)));
        Instant now = Time.now();
        var page = invites.list(access.organizationId(), statusFilter, roleFilter, Params.blankToNull(email), Params.page(limit, afterId, beforeId))
                .map(i -> InviteJson.of(i, now));
        return ListJson.of(page, InviteJson::id);
    }

    @GET
    @Path("/{invite_id}")
    public InviteJson getInvite(@PathParam("invite_id") String inviteId) {
        return InviteJson.of(invites.get(access.organizationId(), inviteId), Time.now());
    }

    @DELETE
    @Path("/{invite_id}")
    public DeletedJson deleteInvite(@PathParam("invite_id") String inviteId) {
        invites.delete(Actor.of(access.standing()), access.organizationId(), inviteId);
        return new DeletedJson(inviteId, "invite_deleted");
    }
}
