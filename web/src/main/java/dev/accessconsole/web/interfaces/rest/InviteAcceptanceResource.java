package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.domain.application.InviteService;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.web.infrastructure.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/** The invitee's side of an invite: accepting it joins the organization with the invite's role. */
@Path("/invites/{invite_id}/accept")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InviteAcceptanceResource {

    public record AcceptedJson(String type, String inviteId, String organizationId, String userId,
                               String role, Instant addedAt) {
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    InviteService invites;

    /** Open to any signed-in person; only the one whose verified email the invite names gets past the service. */
    @POST
    @AnyAuthenticatedCaller
    public AcceptedJson accept(@PathParam("invite_id") String inviteId) {
        UserAccount user = currentUser.require();
        OrganizationMember member = invites.accept(user, currentUser.emailVerified(), inviteId);
        return new AcceptedJson("invite_accepted", inviteId, member.organization().id(),
                user.id(), member.role().value(), member.addedAt());
    }
}
