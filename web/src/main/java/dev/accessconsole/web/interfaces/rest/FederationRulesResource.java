package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.FederationService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.web.interfaces.rest.json.FederationJson;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Workload identity federation's rules (members:manage): which tokens of an issuer map to which service account, in which
 * workspaces; and this product's own test of a token against them (which rule matches and why).
 */
@Path("/organizations/federation_rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FederationRulesResource {

    public record MatchBody(@Schema(maxLength = 2000) String audience, @Schema(maxLength = 2000) String subjectPrefix, JsonObject claims,
                            @Schema(maxLength = 4000) String condition) {
    }

    public record TargetBody(@Schema(enumeration = {"service_account"}) String type, @Schema(maxLength = 40) String serviceAccountId,
                             @Schema(maxLength = 255) String serviceAccountName) {
    }

    /** A create or an update: on create {@code issuer_id}, {@code match}, {@code name}, {@code oauth_scope} and {@code target} are required. */
    public record RuleBody(@Schema(maxLength = 40) String issuerId, MatchBody match, @Schema(maxLength = 255) String name,
                           @Schema(maxLength = 255) String oauthScope, TargetBody target, Boolean appliesToAllWorkspaces, JsonObject attributes,
                           @Schema(maxLength = 2000) String description, @Schema(minimum = "60", maximum = "86400") Long tokenLifetimeSeconds,
                           @Schema(maxLength = 40) String workspaceId) {
    }

    public record WorkspaceBody(@Schema(maxLength = 40) String workspaceId) {
    }

    public record TestBody(@Schema(maxLength = 16384) String token) {
        @Override
        public String toString() {
            return "TestBody[token=…]";
        }
    }

    @Inject
    FederationService federation;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public PageCursorJson<FederationJson.Rule> listFederationRules(@QueryParam("include_archived") String includeArchived,
                                                                   @QueryParam("issuer_id") String issuerId,
                                                                   @QueryParam("limit") String limit, @QueryParam("page") String page) {
        var found = federation.listRules(access.organizationId(), Params.blankToNull(issuerId), Params.flag(includeArchived, "include_archived"),
                Params.page(limit, page, null));
        return PageCursorJson.of(found, v -> v.rule().id(), FederationJson.Rule::of);
    }

    @POST
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.Rule createFederationRule(RuleBody body) {
        RuleBody request = Params.body(body);
        Params.required("issuer_id", request.issuerId());
        Params.required("name", request.name());
        Params.required("oauth_scope", request.oauthScope());
        if (request.target() == null) {
            throw DomainException.invalidField("target", "target is required: {\"type\":\"service_account\",\"service_account_id\":…}.");
        }
        return FederationJson.Rule.of(federation.createRule(Actor.of(access.standing()), access.organizationId(), change(request)));
    }

    /** Which of this organization's rules a token meets, and why, without exchanging it (no jti is used up). */
    @POST
    @Path("/test")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.TokenTest testFederationToken(TestBody body) {
        return FederationJson.TokenTest.of(federation.test(access.organizationId(), Params.required("token", Params.body(body).token())));
    }

    @GET
    @Path("/{federation_rule_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.Rule getFederationRule(@PathParam("federation_rule_id") String ruleId) {
        return FederationJson.Rule.of(federation.getRule(access.organizationId(), ruleId));
    }

    @POST
    @Path("/{federation_rule_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.Rule updateFederationRule(@PathParam("federation_rule_id") String ruleId, RuleBody body) {
        RuleBody request = Params.body(body);
        if (request.issuerId() != null) {
            throw DomainException.invalidField("issuer_id", "A rule's issuer cannot be changed: archive it and create another.");
        }
        return FederationJson.Rule.of(federation.updateRule(Actor.of(access.standing()), access.organizationId(), ruleId, change(request)));
    }

    @POST
    @Path("/{federation_rule_id}/archive")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.Rule archiveFederationRule(@PathParam("federation_rule_id") String ruleId) {
        return FederationJson.Rule.of(federation.archiveRule(Actor.of(access.standing()), access.organizationId(), ruleId));
    }

    @GET
    @Path("/{federation_rule_id}/workspaces")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public PageCursorJson<FederationJson.RuleWorkspace> listFederationRuleWorkspaces(@PathParam("federation_rule_id") String ruleId,
                                                                                     @QueryParam("limit") String limit, @QueryParam("page") String page) {
        var request = Params.page(limit, page, null);
        return PageCursorJson.of(federation.ruleWorkspaces(access.organizationId(), ruleId), w -> w.membership().workspaceId(), request,
                FederationJson.RuleWorkspace::of);
    }

    @POST
    @Path("/{federation_rule_id}/workspaces")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.RuleWorkspace addFederationRuleWorkspace(@PathParam("federation_rule_id") String ruleId, WorkspaceBody body) {
        String workspaceId = Params.required("workspace_id", Params.body(body).workspaceId());
        return FederationJson.RuleWorkspace.of(federation.addRuleWorkspace(Actor.of(access.standing()), access.organizationId(), ruleId, workspaceId));
    }

    @DELETE
    @Path("/{federation_rule_id}/workspaces/{workspace_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public FederationJson.RuleWorkspaceDeleted removeFederationRuleWorkspace(@PathParam("federation_rule_id") String ruleId,
                                                                            @PathParam("workspace_id") String workspaceId) {
        federation.removeRuleWorkspace(Actor.of(access.standing()), access.organizationId(), ruleId, workspaceId);
        return new FederationJson.RuleWorkspaceDeleted("federation_rule_workspace_deleted", ruleId, workspaceId);
    }

    private static FederationService.RuleChange change(RuleBody body) {
        FederationService.MatchSpec match = null;
        if (body.match() != null) {
            MatchBody m = body.match();
            if (m.claims() != null) {
                for (var claim : m.claims().entrySet()) {
                    JsonValue.ValueType type = claim.getValue().getValueType();
                    if (type == JsonValue.ValueType.OBJECT || type == JsonValue.ValueType.ARRAY || type == JsonValue.ValueType.NULL) {
                        throw DomainException.invalidField("claims", "match.claims maps claim names to exact string, number or boolean values.");
                    }
                }
            }
            match = new FederationService.MatchSpec(m.audience(), m.subjectPrefix(), m.claims() == null || m.claims().isEmpty() ? null : m.claims().toString(),
                    m.condition());
        }
        String account = null;
        if (body.target() != null) {
            if (body.target().type() != null && !body.target().type().equals("service_account")) {
                throw DomainException.invalidField("target", "target.type is service_account.");
            }
            account = Params.required("target.service_account_id", body.target().serviceAccountId());
        }
        return new FederationService.RuleChange(body.issuerId(), body.name(), body.description(), match, body.oauthScope(), account,
                body.appliesToAllWorkspaces(), body.attributes() == null ? null : body.attributes().toString(), body.tokenLifetimeSeconds(),
                Params.blankToNull(body.workspaceId()));
    }
}
