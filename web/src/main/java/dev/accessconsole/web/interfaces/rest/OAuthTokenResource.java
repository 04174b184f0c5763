package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.PresentedCredential;
import dev.accessconsole.domain.application.FederationService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token exchange (RFC 8693) of workload identity federation: a workload presents its own JWT (a CI job's, a pod's)
 * and gets a service account's short-lived access token. Errors are RFC 6749's ({@code {"error":"invalid_grant", …}}),
 * the same whatever rule almost matched; answers are never cached.
 */
@Path("/oauth/token")
@RequestScoped
@PresentedCredential
public class OAuthTokenResource {

    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
    private static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    @Inject
    FederationService federation;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response exchangeToken(@FormParam("grant_type") String grantType, @FormParam("subject_token") String subjectToken,
                                  @FormParam("subject_token_type") String subjectTokenType,
                                  @FormParam("organization_id") String organizationId) {
        if (!TOKEN_EXCHANGE.equals(grantType)) {
            return error("unsupported_grant_type", "grant_type is " + TOKEN_EXCHANGE + ".");
        }
        if (!JWT.equals(subjectTokenType) && !ID_TOKEN.equals(subjectTokenType)) {
            return error("invalid_request", "subject_token_type is " + JWT + ".");
        }
        // organization_id (this product's own): only that organization's issuers are considered
        String organization = Params.blankToNull(organizationId);
        try {
            FederationService.Exchanged exchanged = federation.exchange(subjectToken, organization);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", exchanged.accessToken());
            body.put("issued_token_type", ACCESS_TOKEN);
            body.put("token_type", "Bearer");
            body.put("expires_in", exchanged.expiresInSeconds());
            body.put("scope", exchanged.scope());
            return noStore(Response.ok(jakarta.json.Json.createObjectBuilder(body).build().toString(), MediaType.APPLICATION_JSON_TYPE));
        } catch (FederationService.ExchangeRefused refused) {
            return error(refused.error(), refused.getMessage());
        }
    }

    private static Response error(String error, String description) {
        return noStore(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(jakarta.json.Json.createObjectBuilder()
                .add("error", error).add("error_description", description).build().toString()));
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
