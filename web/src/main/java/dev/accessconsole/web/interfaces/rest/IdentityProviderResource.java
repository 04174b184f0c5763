package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.IdentityProviderService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ScimToken;
import dev.accessconsole.web.infrastructure.SignInProvider;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import dev.accessconsole.web.interfaces.rest.json.Requests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/**
 * This product's own: an organization's SCIM tokens (created and revoked by signed-in admins, the secret shown once) and
 * sign-in settings (read by members:manage holders, changed by signed-in admins).
 */
@Path("/organizations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.MEMBERS_MANAGE)
public class IdentityProviderResource {

    /** A SCIM token; {@code secret} only in the answer to its creation. */
    public record ScimTokenJson(String id, String type, String name, String partialKeyHint, String status, Instant createdAt,
                                String createdBy, Instant revokedAt, String secret, String scimBaseUrl) {

        static ScimTokenJson of(ScimToken token, String secret) {
            return new ScimTokenJson(token.id(), "scim_token", token.name(), token.partialKeyHint(), token.active() ? "active" : "revoked",
                    token.createdAt(), token.createdBy(), token.revokedAt(), secret, "/scim/v2");
        }
    }

    /** {@code trusted_issuers}: the issuers this server verifies tokens of, one of which {@code issuer} must be. */
    public record SignInSettingsJson(String type, String issuer, List<String> emailDomains, String defaultRole, String groupsClaim,
                                     Instant updatedAt, List<String> trustedIssuers) {
    }

    @Inject
    IdentityProviderService identity;

    @Inject
    SignInProvider signInProvider;

    @Inject
    AccessContext access;

    @GET
    @Path("/scim_tokens")
    public PageCursorJson<ScimTokenJson> listScimTokens(@QueryParam("limit") String limit, @QueryParam("page") String page) {
        return PageCursorJson.of(identity.scimTokens(access.organizationId(), Params.page(limit, page, null)), ScimToken::id,
                token -> ScimTokenJson.of(token, null));
    }

    @POST
    @Path("/scim_tokens")
    public ScimTokenJson createScimToken(Requests.CreateScimToken body) {
        ScimToken.Created created = identity.createScimToken(Actor.of(access.standing()), access.organizationId(), body == null ? null : body.name());
        return ScimTokenJson.of(created.token(), created.secret());
    }

    @POST
    @Path("/scim_tokens/{scim_token_id}/revoke")
    public ScimTokenJson revokeScimToken(@PathParam("scim_token_id") String tokenId) {
        return ScimTokenJson.of(identity.revokeScimToken(Actor.of(access.standing()), access.organizationId(), tokenId), null);
    }

    @GET
    @Path("/sign_in_settings")
    public SignInSettingsJson getSignInSettings() {
        return identity.signInSettings(access.organizationId()).map(this::json)
                .orElseGet(() -> new SignInSettingsJson("sign_in_settings", null, List.of(), OrgRole.USER.value(), "groups", null,
                        signInProvider.trustedIssuers()));
    }

    @PUT
    @Path("/sign_in_settings")
    public SignInSettingsJson putSignInSettings(Requests.SignInSettings body) {
        Requests.SignInSettings request = Params.body(body);
        OrgRole role = request.defaultRole() == null ? null : Params.orgRole(request.defaultRole());
        return json(identity.changeSignInSettings(Actor.of(access.standing()), access.organizationId(), request.issuer(),
                request.emailDomains(), role, request.groupsClaim(), signInProvider.trusts(request.issuer())));
    }

    private SignInSettingsJson json(IdentityProviderService.SignIn signIn) {
        return new SignInSettingsJson("sign_in_settings", signIn.settings().issuer(), signIn.domains(), signIn.settings().defaultRole().value(),
                signIn.settings().groupsClaim(), signIn.settings().updatedAt(), signInProvider.trustedIssuers());
    }
}
