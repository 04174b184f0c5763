package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.domain.application.UserDirectory;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.web.infrastructure.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Who am I, and in which organizations with which role. */
@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record MembershipJson(String id, String type, String name, String role) {
    }

    public record MeJson(String id, String type, String email, String name, List<MembershipJson> organizations) {
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    UserDirectory users;

    @GET
    @AnyAuthenticatedCaller
    public MeJson me() {
        UserAccount user = currentUser.require();
        List<MembershipJson> organizations = users.memberships(user.id()).stream()
                .map(m -> new MembershipJson(m.organization().id(), "organization", m.organization().name(), m.role().value()))
                .toList();
        return new MeJson(user.id(), "user", user.email(), user.name(), organizations);
    }
}
