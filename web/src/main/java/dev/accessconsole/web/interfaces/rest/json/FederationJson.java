package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.application.FederationService;
import dev.accessconsole.domain.model.FederationIssuer;
import dev.accessconsole.domain.model.FederationRule;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** Federation issuers, rules and rule workspaces in the official API's shapes ({@code BetaFederationIssuer}, …). */
public final class FederationJson {

    private FederationJson() {
    }

    public record PollStatus(long consecutiveFailures, Instant lastFetchedAt, Instant nextPollAt) {
    }

    public record Issuer(String type, String id, String name, String issuerUrl, JsonObject jwks, boolean checkJti, long maxJwtLifetimeSeconds,
                         Instant jwksPollingDisabledAt, PollStatus pollStatus, Instant createdAt, String createdByActorId, Instant updatedAt,
                         String updatedByActorId, Instant archivedAt, String archivedByActorId) {

        public static Issuer of(FederationIssuer issuer) {
            JsonObjectBuilder jwks = Json.createObjectBuilder().add("type", issuer.jwksType().value());
            read(issuer.jwksJson()).forEach(jwks::add);
            PollStatus poll = issuer.jwksType() == FederationIssuer.JwksType.INLINE ? null
                    : new PollStatus(issuer.pollFailures(), issuer.lastFetchedAt(), issuer.nextPollAt());
            return new Issuer("federation_issuer", issuer.id(), issuer.name(), issuer.issuerUrl(), jwks.build(), issuer.checkJti(),
                    issuer.maxJwtLifetimeSeconds(), issuer.jwksPollingDisabledAt(), poll, issuer.createdAt(), issuer.createdBy(),
                    issuer.updatedAt(), issuer.updatedBy(), issuer.archivedAt(), issuer.archivedBy());
        }
    }

    public record Match(String audience, String subjectPrefix, JsonObject claims, String condition) {
    }

    public record Target(String type, String serviceAccountId, String serviceAccountName) {
    }

    public record Rule(String type, String id, String name, String description, String issuerId, String issuerName, Match match,
                       String oauthScope, Target target, long tokenLifetimeSeconds, boolean appliesToAllWorkspaces, List<String> workspaceIds,
                       String workspaceId, JsonObject attributes, Instant createdAt, String createdByActorId, Instant updatedAt,
                       String updatedByActorId, Instant archivedAt, String archivedByActorId) {

        public static Rule of(FederationService.RuleView view) {
            FederationRule rule = view.rule();
            List<String> workspaces = rule.workspaces().stream().map(w -> w.workspaceId()).toList();
            return new Rule("federation_rule", rule.id(), rule.name(), rule.description(), rule.issuerId(), view.issuerName(),
                    new Match(rule.audience(), rule.subjectPrefix(), rule.claimsJson() == null ? null : read(rule.claimsJson()), rule.condition()),
                    rule.oauthScope(), new Target("service_account", rule.serviceAccountId(), view.serviceAccountName()),
                    rule.tokenLifetimeSeconds(), rule.appliesToAllWorkspaces(), workspaces, workspaces.isEmpty() ? null : workspaces.get(0),
                    rule.attributesJson() == null ? null : read(rule.attributesJson()), rule.createdAt(), rule.createdBy(), rule.updatedAt(),
                    rule.updatedBy(), rule.archivedAt(), rule.archivedBy());
        }
    }

    public record RuleWorkspace(String type, String federationRuleId, String workspaceId, String workspaceName, Instant createdAt,
                                String createdByActorId) {

        public static RuleWorkspace of(FederationService.RuleWorkspace view) {
            return new RuleWorkspace("federation_rule_workspace", view.membership().ruleId(), view.membership().workspaceId(),
                    view.workspaceName(), view.membership().createdAt(), view.membership().createdBy());
        }
    }

    public record RuleWorkspaceDeleted(String type, String federationRuleId, String workspaceId) {
    }

    /** The console's test of a token: what verifying it found, and each rule's answer with its reasons. */
    public record TokenTest(String type, boolean verified, List<String> findings, List<RuleOutcome> rules) {

        public static TokenTest of(FederationService.TokenTest test) {
            return new TokenTest("federation_token_test", test.verified(), test.findings(),
                    test.rules().stream().map(r -> new RuleOutcome(r.ruleId(), r.ruleName(), r.match().matched(), r.match().reasons())).toList());
        }
    }

    public record RuleOutcome(String federationRuleId, String name, boolean matched, List<String> reasons) {
    }

    static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
