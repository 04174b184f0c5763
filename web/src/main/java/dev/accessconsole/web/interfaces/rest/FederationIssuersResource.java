package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.FederationService;
import dev.accessconsole.domain.infrastructure.federation.IssuerKeys;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.FederationIssuer;
import dev.accessconsole.web.interfaces.rest.json.FederationJson;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

/** Workload identity federation's issuers (members:manage): the token issuers an organization trusts, and where their keys come from. */
@Path("/organizations/federation_issuers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FederationIssuersResource {

    /** A create or an update: on create {@code issuer_url} and {@code name} are required. */
    public record IssuerBody(@Schema(maxLength = 2000) String issuerUrl, @Schema(maxLength = 255) String name, Boolean checkJti,
                             @Schema(description = "{type: discovery|explicit_url|inline, discovery_base, url, ca_cert_pem, keys}") JsonObject jwks,
                             @Schema(minimum = "60", maximum = "86400") Long maxJwtLifetimeSeconds, Boolean jwksPollingDisabled) {
    }

    @Inject
    FederationService federation;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public PageCursorJson<FederationJson.Issuer> listFederationIssuers(@QueryParam("include_archived") String includeArchived,
                                                                       @QueryParam("limit") String limit, @QueryParam("page") String page) {
        var found = federation.listIssuers(access.organizationId(), Params.flag(includeArchived, "include_archived"), Params.page(limit, page, null));
        return PageCursorJson.of(found, FederationIssuer::id, FederationJson.Issuer::of);
    }

    @POST
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.Issuer createFederationIssuer(IssuerBody body) {
        IssuerBody request = Params.body(body);
        Params.required("issuer_url", request.issuerUrl());
        Params.required("name", request.name());
        return FederationJson.Issuer.of(federation.createIssuer(Actor.of(access.standing()), access.organizationId(), change(request)));
    }

    @GET
    @Path("/{federation_issuer_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.Issuer getFederationIssuer(@PathParam("federation_issuer_id") String issuerId) {
        return FederationJson.Issuer.of(federation.getIssuer(access.organizationId(), issuerId));
    }

    @POST
    @Path("/{federation_issuer_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.Issuer updateFederationIssuer(@PathParam("federation_issuer_id") String issuerId, IssuerBody body) {
        return FederationJson.Issuer.of(federation.updateIssuer(Actor.of(access.standing()), access.organizationId(), issuerId, change(Params.body(body))));
    }

    @POST
    @Path("/{federation_issuer_id}/archive")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.Issuer archiveFederationIssuer(@PathParam("federation_issuer_id") String issuerId) {
        return FederationJson.Issuer.of(federation.archiveIssuer(Actor.of(access.standing()), access.organizationId(), issuerId));
    }

    private static FederationService.IssuerChange change(IssuerBody body) {
        return new FederationService.IssuerChange(body.name(), body.issuerUrl(), body.jwks() == null ? null : jwks(body.jwks()), body.checkJti(),
                body.maxJwtLifetimeSeconds(), body.jwksPollingDisabled());
    }

    /** The JWKS source as the official union writes it, checked: only its kind's fields, URLs and keys that read. */
    static FederationService.JwksSpec jwks(JsonObject jwks) {
        String typeName = jwks.get("type") instanceof JsonString type ? type.getString() : null;
        FederationIssuer.JwksType type = FederationIssuer.JwksType.fromValue(typeName).orElseThrow(() ->
                DomainException.invalidField("jwks", "jwks.type is one of discovery, explicit_url, inline."));
        JsonObjectBuilder fields = Json.createObjectBuilder();
        Set<String> allowed = switch (type) {
            case DISCOVERY -> Set.of("type", "discovery_base", "ca_cert_pem");
            case EXPLICIT_URL -> Set.of("type", "url", "ca_cert_pem");
            case INLINE -> Set.of("type", "keys");
        };
        for (String name : jwks.keySet()) {
            if (!allowed.contains(name)) {
                throw DomainException.invalidField("jwks", "jwks of type " + type.value() + " takes " + allowed.stream().sorted().toList() + ", not " + name + ".");
            }
        }
        for (String name : new String[]{"discovery_base", "url", "ca_cert_pem"}) {
            JsonValue value = jwks.get(name);
            if (value == null || value == JsonValue.NULL) {
                continue;
            }
            if (!(value instanceof JsonString text) || text.getString().length() > 20_000) {
                throw DomainException.invalidField("jwks", "jwks." + name + " is a string.");
            }
            if (!name.equals("ca_cert_pem")) {
                validateUrl(name, text.getString());
            } else {
                try {
                    IssuerKeys.certificate(text.getString());
                } catch (Exception invalid) {
                    throw DomainException.invalidField("jwks", "jwks.ca_cert_pem is not a PEM certificate.");
                }
            }
            fields.add(name, value);
        }
        if (type == FederationIssuer.JwksType.EXPLICIT_URL && !(jwks.get("url") instanceof JsonString)) {
            throw DomainException.invalidField("jwks", "jwks.url is required for explicit_url.");
        }
        if (type == FederationIssuer.JwksType.INLINE) {
            if (!(jwks.get("keys") instanceof JsonArray keys)) {
                throw DomainException.invalidField("jwks", "jwks.keys is required for inline: an array of public JSON Web Keys.");
            }
            String invalid = IssuerKeys.invalidInlineKeys(keys.toString());
            if (invalid != null) {
                throw DomainException.invalidField("jwks", invalid);
            }
            fields.add("keys", keys);
        }
        return new FederationService.JwksSpec(type, fields.build().toString());
    }

    private static void validateUrl(String name, String url) {
        try {
            if (!FederationService.httpsOrLocal(new java.net.URI(url))) {
                throw DomainException.invalidField("jwks", "jwks." + name + " is an https URL (http only for localhost).");
            }
        } catch (java.net.URISyntaxException invalid) {
            throw DomainException.invalidField("jwks", "jwks." + name + " is not a URL.");
        }
    }
}
