package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.authz.api.FederationMatch;
import dev.accessconsole.authz.api.FederationTerms;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.RestrictedAction;
import dev.accessconsole.authz.api.ClaimCondition;
import dev.accessconsole.domain.infrastructure.federation.CelClaimCondition;
import dev.accessconsole.domain.infrastructure.federation.IssuerKeys;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.FederationIssuer;
import dev.accessconsole.domain.model.FederationRepository;
import dev.accessconsole.domain.model.FederationRule;
import dev.accessconsole.domain.model.FederationRuleWorkspace;
import dev.accessconsole.domain.model.FederationToken;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Secrets;
import dev.accessconsole.domain.model.ServiceAccount;
import dev.accessconsole.domain.model.ServiceAccountRepository;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.JoseException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Workload identity federation (roles.md, "Keyless workloads"): an organization's trusted issuers and rules, the token
 * exchange (RFC 8693) that turns a workload's own short-lived JWT into a service account's access token, and the gateway's
 * check of such a token. Whether a token meets a rule is the decision service's answer; this service verifies the token
 * (signature by the issuer's keys, issuer, expiry, lifetime, replay) and keeps the records. An exchanged token is found by
 * its hash in the database on every check, so archiving its issuer, rule or service account ends it on every node at once.
 */
@ApplicationScoped
public class FederationService {

    private static final Logger LOG = Logger.getLogger(FederationService.class.getName());

    /** Signature algorithms a workload token may use: asymmetric ones only (never none, never a shared secret). */
    private static final AlgorithmConstraints ASYMMETRIC = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, AlgorithmIdentifiers.EDDSA);
    private static final int CLOCK_SKEW_SECONDS = 30;
    public static final long MIN_LIFETIME_SECONDS = 60;
    public static final long MAX_LIFETIME_SECONDS = 86_400;

    /** Where an issuer's keys come from, with that source's fields as the API writes them (JSON, without {@code type}). */
    public record JwksSpec(FederationIssuer.JwksType type, String json) {
    }

    /** An issuer's fields as a create or update gives them; null: unchanged (or the default, on create). */
    public record IssuerChange(String name, String issuerUrl, JwksSpec jwks, Boolean checkJti, Long maxJwtLifetimeSeconds, Boolean pollingDisabled) {
    }

    /** What a rule asks of a token: each null term asks nothing; {@code claimsJson} a JSON object of exact values. */
    public record MatchSpec(String audience, String subjectPrefix, String claimsJson, String condition) {
    }

    /** A rule's fields as a create or update gives them; null: unchanged (or the default, on create). */
    public record RuleChange(String issuerId, String name, String description, MatchSpec match, String oauthScope, String serviceAccountId,
                             Boolean appliesToAllWorkspaces, String attributesJson, Long tokenLifetimeSeconds, String workspaceId) {
    }

    /** A rule, with its issuer's name and its service account's (for the API's shape). */
    public record RuleView(FederationRule rule, String issuerName, String serviceAccountName) {
    }

    /** A rule's workspace with the workspace's name. */
    public record RuleWorkspace(FederationRuleWorkspace membership, String workspaceName) {
    }

    /** The exchange's answer: the access token (shown once), its lifetime and scope. */
    public record Exchanged(String accessToken, long expiresInSeconds, String scope) {
    }

    /** An exchange refused: RFC 6749's error and a description that says nothing of which rule almost matched. */
    public static final class ExchangeRefused extends RuntimeException {
        private final String error;

        public ExchangeRefused(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    /** A verified exchanged token as the gateway sees it: the service account, its organization, the workspaces it may use. */
    public record VerifiedToken(String tokenId, String organizationId, String serviceAccountId, String ruleId, List<String> workspaceIds) {
    }

    /** The test of a token against an organization's rules: what verifying it found, and each rule's answer. */
    public record TokenTest(boolean verified, List<String> findings, List<RuleOutcome> rules) {
    }

    public record RuleOutcome(String ruleId, String ruleName, FederationMatch match) {
    }

    @Inject
    FederationRepository federation;

    @Inject
    ServiceAccountRepository serviceAccounts;

    @Inject
    ServiceAccountService serviceAccountService;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AccessDecisions decisions;

    @Inject
    AuditLog audit;

    @Inject
    IssuerKeys keys;

    @Inject
    CelClaimCondition conditions;

    @Inject
    JtiLedger jtis;

    /**
     * The jti values seen, each claimed in a transaction of its own: of two exchanges of the same token at once, the one
     * whose insert commits wins; the other's fails on the primary key and is refused like any replay (never a 5xx).
     */
    @ApplicationScoped
    public static class JtiLedger {

        @Inject
        FederationRepository federation;

        @Inject
        Claim claim;

        public boolean firstUse(String issuerId, String jti, Instant expiresAt) {
            try {
                return claim.firstUse(issuerId, jti.length() > 255 ? jti.substring(0, 255) : jti, expiresAt);
            } catch (RuntimeException lostTheRace) {
                return false;
            }
        }

        @ApplicationScoped
        public static class Claim {
            @Inject
            FederationRepository federation;

            @Transactional(Transactional.TxType.REQUIRES_NEW)
            public boolean firstUse(String issuerId, String jti, Instant expiresAt) {
                return federation.firstUse(issuerId, jti, expiresAt);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------- issuers

    @Transactional
    public FederationIssuer createIssuer(Actor actor, String organizationId, IssuerChange change) {
        String name = name(change.name());
        String url = issuerUrl(change.issuerUrl());
        JwksSpec jwks = change.jwks() == null ? new JwksSpec(FederationIssuer.JwksType.DISCOVERY, "{}") : change.jwks();
        FederationIssuer issuer = new FederationIssuer(organizationId, name, url, jwks.type(), jwks.json(), Boolean.TRUE.equals(change.checkJti()),
                lifetime(change.maxJwtLifetimeSeconds(), FederationIssuer.DEFAULT_MAX_JWT_LIFETIME_SECONDS, "max_jwt_lifetime_seconds"), actor.id(), Time.now());
        if (Boolean.TRUE.equals(change.pollingDisabled())) {
            issuer.pollingDisabled(true, Time.now());
        }
        federation.add(issuer);
        audit.record(organizationId, actor, "federation_issuer.create", "federation_issuer", issuer.id(), describe(issuer));
        return issuer;
    }

    @Transactional
    public FederationIssuer updateIssuer(Actor actor, String organizationId, String issuerId, IssuerChange change) {
        FederationIssuer issuer = issuer(organizationId, issuerId);
        requireActive(issuer);
        requireMayManage(actor, issuer);
        Instant now = Time.now();
        if (change.name() != null) {
            issuer.rename(name(change.name()));
        }
        if (change.issuerUrl() != null) {
            issuer.issuerUrl(issuerUrl(change.issuerUrl()));
        }
        if (change.jwks() != null) {
            issuer.jwks(change.jwks().type(), change.jwks().json());
        }
        if (change.checkJti() != null) {
            issuer.checkJti(change.checkJti());
        }
        if (change.maxJwtLifetimeSeconds() != null) {
            issuer.maxJwtLifetimeSeconds(lifetime(change.maxJwtLifetimeSeconds(), 0, "max_jwt_lifetime_seconds"));
        }
        if (change.pollingDisabled() != null) {
            issuer.pollingDisabled(change.pollingDisabled(), now);
        }
        issuer.touched(actor.id(), now);
        audit.record(organizationId, actor, "federation_issuer.update", "federation_issuer", issuer.id(), describe(issuer));
        return issuer;
    }

    /** Archives an issuer for good: its rules take no token any more and every token exchanged through it ends. */
    @Transactional
    public FederationIssuer archiveIssuer(Actor actor, String organizationId, String issuerId) {
        FederationIssuer issuer = issuer(organizationId, issuerId);
        if (issuer.archived()) {
            return issuer;
        }
        requireMayManage(actor, issuer);
        issuer.archive(actor.id(), Time.now());
        audit.record(organizationId, actor, "federation_issuer.archive", "federation_issuer", issuer.id(), "{}");
        return issuer;
    }

    @Transactional
    public FederationIssuer getIssuer(String organizationId, String issuerId) {
        return issuer(organizationId, issuerId);
    }

    @Transactional
    public Page<FederationIssuer> listIssuers(String organizationId, boolean includeArchived, PageRequest page) {
        return federation.issuers(organizationId, includeArchived, page);
    }

    private FederationIssuer issuer(String organizationId, String issuerId) {
        return federation.issuer(organizationId, issuerId).orElseThrow(() -> DomainException.notFound(ErrorCode.FEDERATION_ISSUER_NOT_FOUND, "federation issuer"));
    }

    /** Admin API keys manage an issuer only while none of its rules gives an admin service account's token. */
    private void requireMayManage(Actor actor, FederationIssuer issuer) {
        for (FederationRule rule : federation.activeRules(issuer.id())) {
            serviceAccounts.find(issuer.organizationId(), rule.serviceAccountId()).ifPresent(account -> requireMayTarget(actor, account));
        }
    }

    private void requireMayTarget(Actor actor, ServiceAccount account) {
        if (decisions.holdsAdmin(List.of(account.organizationRole()))) {
            decisions.require(actor.principalKind(), RestrictedAction.FEDERATE_ADMIN);
        }
    }

    private static void requireActive(FederationIssuer issuer) {
        if (issuer.archived()) {
            throw DomainException.invalid(ErrorCode.FEDERATION_ISSUER_ARCHIVED, "An archived issuer cannot be changed.");
        }
    }

    // --------------------------------------------------------------------------------------------------------- rules

    @Transactional
    public RuleView createRule(Actor actor, String organizationId, RuleChange change) {
        FederationIssuer issuer = federation.issuer(organizationId, change.issuerId())
                .orElseThrow(() -> DomainException.invalidField("issuer_id", "issuer_id names no federation issuer of this organization."));
        requireActive(issuer);
        ServiceAccount account = target(actor, organizationId, change.serviceAccountId());
        if (change.match() == null) {
            throw DomainException.invalidField("match", "match is required: an object with audience, subject_prefix, claims and condition, each optional.");
        }
        FederationRule rule = new FederationRule(organizationId, issuer.id(), name(change.name()), account.id(), scope(change.oauthScope()), actor.id(), Time.now());
        apply(rule, change, actor);
        federation.add(rule);
        audit.record(organizationId, actor, "federation_rule.create", "federation_rule", rule.id(), describe(rule));
        return view(rule);
    }

    @Transactional
    public RuleView updateRule(Actor actor, String organizationId, String ruleId, RuleChange change) {
        FederationRule rule = rule(organizationId, ruleId);
        if (rule.archived()) {
            throw DomainException.invalid(ErrorCode.FEDERATION_RULE_ARCHIVED, "An archived rule cannot be changed.");
        }
        serviceAccounts.find(organizationId, rule.serviceAccountId()).ifPresent(current -> requireMayTarget(actor, current));
        if (change.serviceAccountId() != null) {
            rule.serviceAccountId(target(actor, organizationId, change.serviceAccountId()).id());
        }
        if (change.name() != null) {
            rule.name(name(change.name()));
        }
        if (change.oauthScope() != null) {
            rule.oauthScope(scope(change.oauthScope()));
        }
        apply(rule, change, actor);
        rule.touched(actor.id(), Time.now());
        audit.record(organizationId, actor, "federation_rule.update", "federation_rule", rule.id(), describe(rule));
        return view(rule);
    }

    private void apply(FederationRule rule, RuleChange change, Actor actor) {
        if (change.description() != null) {
            if (change.description().length() > 2000) {
                throw DomainException.invalidField("description", "description is at most 2000 characters.");
            }
            rule.description(change.description());
        }
        if (change.match() != null) {
            MatchSpec match = change.match();
            if (match.condition() != null) {
                if (match.condition().length() > 4000) {
                    throw DomainException.invalidField("condition", "match.condition is at most 4000 characters.");
                }
                try {
                    conditions.check(match.condition());
                } catch (ClaimCondition.InvalidCondition invalid) {
                    throw DomainException.invalidField("condition", "match.condition is not a CEL expression over claims that yields a boolean: "
                            + invalid.getMessage());
                }
            }
            for (String text : new String[]{match.audience(), match.subjectPrefix()}) {
                if (text != null && text.length() > 2000) {
                    throw DomainException.invalidField("match", "match.audience and match.subject_prefix are at most 2000 characters.");
                }
            }
            rule.match(blankToNull(match.audience()), match.subjectPrefix(), match.claimsJson(), blankToNull(match.condition()));
        }
        if (change.appliesToAllWorkspaces() != null) {
            rule.appliesToAllWorkspaces(change.appliesToAllWorkspaces());
        }
        if (change.attributesJson() != null) {
            rule.attributesJson(change.attributesJson());
        }
        if (change.tokenLifetimeSeconds() != null) {
            rule.tokenLifetimeSeconds(lifetime(change.tokenLifetimeSeconds(), 0, "token_lifetime_seconds"));
        }
        if (change.workspaceId() != null && rule.workspace(change.workspaceId()).isEmpty()) {
            rule.addWorkspace(workspace(rule.organizationId(), change.workspaceId()).id(), actor.id(), Time.now());
        }
    }

    /** Archives a rule for good: it takes no token any more and every token exchanged through it ends. */
    @Transactional
    public RuleView archiveRule(Actor actor, String organizationId, String ruleId) {
        FederationRule rule = rule(organizationId, ruleId);
        if (!rule.archived()) {
            serviceAccounts.find(organizationId, rule.serviceAccountId()).ifPresent(current -> requireMayTarget(actor, current));
            rule.archive(actor.id(), Time.now());
            audit.record(organizationId, actor, "federation_rule.archive", "federation_rule", rule.id(), "{}");
        }
        return view(rule);
    }

    @Transactional
    public RuleView getRule(String organizationId, String ruleId) {
        return view(rule(organizationId, ruleId));
    }

    @Transactional
    public Page<RuleView> listRules(String organizationId, String issuerId, boolean includeArchived, PageRequest page) {
        return federation.rules(organizationId, issuerId, includeArchived, page).map(this::view);
    }

    @Transactional
    public List<RuleWorkspace> ruleWorkspaces(String organizationId, String ruleId) {
        return rule(organizationId, ruleId).workspaces().stream().map(w -> view(organizationId, w)).toList();
    }

    @Transactional
    public RuleWorkspace addRuleWorkspace(Actor actor, String organizationId, String ruleId, String workspaceId) {
        FederationRule rule = rule(organizationId, ruleId);
        if (rule.archived()) {
            throw DomainException.invalid(ErrorCode.FEDERATION_RULE_ARCHIVED, "An archived rule cannot be changed.");
        }
        serviceAccounts.find(organizationId, rule.serviceAccountId()).ifPresent(current -> requireMayTarget(actor, current));
        Workspace workspace = workspace(organizationId, workspaceId);
        FederationRuleWorkspace added = rule.workspace(workspace.id()).orElse(null);
        if (added == null) {
            added = rule.addWorkspace(workspace.id(), actor.id(), Time.now());
            rule.touched(actor.id(), Time.now());
            audit.record(organizationId, actor, "federation_rule.workspace_add", "federation_rule", rule.id(),
                    JsonBuilders.object().add("workspace_id", workspace.id()).build().toString());
        }
        return view(organizationId, added);
    }

    @Transactional
    public void removeRuleWorkspace(Actor actor, String organizationId, String ruleId, String workspaceId) {
        FederationRule rule = rule(organizationId, ruleId);
        serviceAccounts.find(organizationId, rule.serviceAccountId()).ifPresent(current -> requireMayTarget(actor, current));
        if (!rule.removeWorkspace(workspaceId)) {
            throw DomainException.notFound("workspace of this rule");
        }
        rule.touched(actor.id(), Time.now());
        audit.record(organizationId, actor, "federation_rule.workspace_remove", "federation_rule", rule.id(),
                JsonBuilders.object().add("workspace_id", workspaceId).build().toString());
    }

    private FederationRule rule(String organizationId, String ruleId) {
        return federation.rule(organizationId, ruleId).orElseThrow(() -> DomainException.notFound(ErrorCode.FEDERATION_RULE_NOT_FOUND, "federation rule"));
    }

    private ServiceAccount target(Actor actor, String organizationId, String serviceAccountId) {
        ServiceAccount account = serviceAccounts.find(organizationId, serviceAccountId)
                .orElseThrow(() -> DomainException.invalidField("target", "target.service_account_id names no service account of this organization."));
        if (account.archived()) {
            throw DomainException.invalid(ErrorCode.SERVICE_ACCOUNT_ARCHIVED, "An archived service account cannot be a rule's target.");
        }
        requireMayTarget(actor, account);
        return account;
    }

    private Workspace workspace(String organizationId, String workspaceId) {
        Workspace workspace = workspaces.find(organizationId, workspaceId).orElseThrow(() -> DomainException.notFound("workspace"));
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace cannot be added.");
        }
        return workspace;
    }

    private RuleView view(FederationRule rule) {
        String issuerName = federation.issuer(rule.organizationId(), rule.issuerId()).map(FederationIssuer::name).orElse(null);
        String accountName = serviceAccounts.find(rule.organizationId(), rule.serviceAccountId()).map(ServiceAccount::name).orElse(null);
        return new RuleView(rule, issuerName, accountName);
    }

    private RuleWorkspace view(String organizationId, FederationRuleWorkspace membership) {
        return new RuleWorkspace(membership, workspaces.find(organizationId, membership.workspaceId()).map(Workspace::name).orElse(null));
    }

    // ------------------------------------------------------------------------------------------------ token exchange

    /**
     * RFC 8693: the workload's own JWT for a service account's access token. The token must be signed by the keys of an
     * issuer some organization registered for its {@code iss}, unexpired, no longer-lived than that issuer allows, not
     * replayed (with {@code check_jti}), and meet a rule of that issuer whose service account is active. The first such
     * rule (by id) wins; {@code organizationId}, when given, considers only that organization's issuers. The answer to
     * anything else is {@code invalid_grant}, the same for every reason; each attempt is audited in each organization whose
     * issuer the token names, without the token.
     */
    @Transactional(dontRollbackOn = ExchangeRefused.class)
    public Exchanged exchange(String subjectToken, String organizationId) {
        if (subjectToken == null || subjectToken.isBlank() || subjectToken.length() > 16_384) {
            throw new ExchangeRefused("invalid_request", "subject_token is required: the workload's JWT.");
        }
        JwtContext unverified = unverified(subjectToken).orElseThrow(() -> refused("the token is not a JWT"));
        String iss = issuerOf(unverified);
        List<FederationIssuer> candidates = iss == null ? List.of() : federation.issuersByUrl(iss).stream()
                .filter(i -> organizationId == null || i.organizationId().equals(organizationId)).toList();
        if (candidates.isEmpty()) {
            throw refused("no organization trusts the issuer " + truncate(iss));
        }
        Instant now = Time.now();
        for (FederationIssuer issuer : candidates) {
            Map<String, Object> claims;
            JwtClaims verified;
            try {
                verified = verify(issuer, subjectToken, now);
                claims = verified.getClaimsMap();
            } catch (Refusal refusal) {
                audit.recordRefusal(issuer.organizationId(), workload(unverified), "federation.token_exchange_refused", "federation_issuer", issuer.id(),
                        JsonBuilders.object().add("reason", refusal.getMessage()).build().toString());
                continue;
            }
            for (FederationRule rule : federation.activeRules(issuer.id())) {
                FederationMatch match = decisions.matchFederationRule(claims, terms(rule), conditions);
                Optional<ServiceAccount> account = serviceAccounts.find(rule.organizationId(), rule.serviceAccountId()).filter(a -> !a.archived());
                if (!match.matched() || account.isEmpty()) {
                    continue;
                }
                // replay: the jti is used once, and only when the exchange succeeds on it
                String jti = stringClaim(verified, "jti");
                Instant tokenExpiry = expiry(verified);
                if (issuer.checkJti() && (jti == null || !jtis.firstUse(issuer.id(), jti, tokenExpiry))) {
                    audit.recordRefusal(issuer.organizationId(), workload(unverified), "federation.token_exchange_refused", "federation_rule", rule.id(),
                            JsonBuilders.object().add("reason", jti == null ? "the token has no jti and the issuer checks it" : "the token's jti was used before")
                                    .build().toString());
                    throw refused("replayed");
                }
                long lifetime = Math.min(rule.tokenLifetimeSeconds(), Duration.between(now, tokenExpiry).getSeconds());
                if (lifetime < 1) {
                    continue;
                }
                String secret = Secrets.newSecret(Secrets.FEDERATED_TOKEN_PREFIX);
                FederationToken token = new FederationToken(secret, rule, stringClaim(verified, "sub"), now, now.plusSeconds(lifetime));
                federation.add(token);
                audit.record(rule.organizationId(), workload(unverified), "federation.token_exchange", "federation_rule", rule.id(),
                        JsonBuilders.object().add("token_id", token.id()).add("service_account_id", rule.serviceAccountId())
                                .add("issuer_id", issuer.id()).add("expires_in", lifetime).add("jti", jti == null ? "" : truncate(jti)).build().toString());
                return new Exchanged(secret, lifetime, rule.oauthScope());
            }
            audit.recordRefusal(issuer.organizationId(), workload(unverified), "federation.token_exchange_refused", "federation_issuer", issuer.id(),
                    JsonBuilders.object().add("reason", "no active rule of the issuer matches the token").build().toString());
        }
        throw refused("no rule matched");
    }

    /** The token checked against the issuer: signature by its keys, iss, exp (and nbf), lifetime; its claims. */
    private JwtClaims verify(FederationIssuer issuer, String token, Instant now) throws Refusal {
        JwtConsumer consumer;
        try {
            consumer = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(keys.resolver(issuer))
                    .setJwsAlgorithmConstraints(ASYMMETRIC)
                    .setExpectedIssuer(issuer.issuerUrl())
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                    .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli()))
                    .setSkipDefaultAudienceValidation() // the rules decide the audience
                    .build();
        } catch (java.io.IOException | JoseException unreachable) {
            throw new Refusal("the issuer's keys could not be fetched: " + unreachable.getMessage());
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException invalid) {
            throw new Refusal("the token does not verify: " + firstLine(invalid.getMessage()));
        }
        Instant expiry = expiry(claims);
        Instant issuedAt;
        try {
            issuedAt = claims.getIssuedAt() == null ? now : Instant.ofEpochSecond(claims.getIssuedAt().getValue());
        } catch (MalformedClaimException malformed) {
            throw new Refusal("the token's iat is malformed");
        }
        if (Duration.between(issuedAt, expiry).getSeconds() > issuer.maxJwtLifetimeSeconds()) {
            throw new Refusal("the token lives " + Duration.between(issuedAt, expiry).getSeconds() + " s, longer than the issuer's "
                    + issuer.maxJwtLifetimeSeconds() + " s");
        }
        return claims;
    }

    /** A refusal of one issuer's check, in words for the audit log and the console's test. */
    private static final class Refusal extends Exception {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** The token read without checking anything, to find its issuer and subject; empty when it is no JWT. */
    private static Optional<JwtContext> unverified(String token) {
        try {
            return Optional.of(new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification()
                    .build().process(token));
        } catch (InvalidJwtException notAJwt) {
            return Optional.empty();
        }
    }

    /** The {@code iss} a token names; null when it names none or a malformed one. */
    private static String issuerOf(JwtContext unverified) {
        try {
            return unverified.getJwtClaims().getIssuer();
        } catch (MalformedClaimException malformed) {
            return null;
        }
    }

    private static ExchangeRefused refused(String reason) {
        LOG.fine(() -> "token exchange refused: " + reason);
        return new ExchangeRefused("invalid_grant", "The subject token was not accepted.");
    }

    private static Instant expiry(JwtClaims claims) {
        try {
            return Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        } catch (MalformedClaimException malformed) {
            return Instant.EPOCH;
        }
    }

    private static String stringClaim(JwtClaims claims, String name) {
        Object value = claims.getClaimValue(name);
        return value instanceof String text ? text : null;
    }

    /** The workload in the audit log: its subject (what the token says it is), never the token. */
    private static Actor workload(JwtContext unverified) {
        String subject;
        try {
            subject = unverified.getJwtClaims().getSubject();
        } catch (MalformedClaimException malformed) {
            subject = null;
        }
        return new Actor("workload", subject == null ? "unknown" : truncate(subject));
    }

    private FederationTerms terms(FederationRule rule) {
        Map<String, Object> claims = Map.of();
        if (rule.claimsJson() != null) {
            try {
                claims = JsonUtil.parseJson(rule.claimsJson());
            } catch (JoseException unreadable) {
                claims = Map.of("(unreadable claims)", "");
            }
        }
        return new FederationTerms(rule.audience(), rule.subjectPrefix(), claims, rule.condition());
    }

    // ----------------------------------------------------------------------------------------------------- the test

    /**
     * Tests a token against this organization's issuers and rules without exchanging it (no jti is used up): what
     * verifying it found, and each active rule's answer with its reasons. For admins; the exchange tells a workload none of it.
     */
    @Transactional
    public TokenTest test(String organizationId, String token) {
        List<String> findings = new ArrayList<>();
        List<RuleOutcome> outcomes = new ArrayList<>();
        Optional<JwtContext> unverified = unverified(token == null ? "" : token);
        if (unverified.isEmpty()) {
            findings.add("the token is not a JWT");
            return new TokenTest(false, findings, outcomes);
        }
        String iss = issuerOf(unverified.get());
        List<FederationIssuer> issuers = iss == null ? List.of() : federation.issuersByUrl(iss).stream()
                .filter(i -> i.organizationId().equals(organizationId)).toList();
        if (issuers.isEmpty()) {
            findings.add("no issuer of this organization has the URL " + (iss == null ? "(the token names none)" : truncate(iss)));
            return new TokenTest(false, findings, outcomes);
        }
        boolean verifiedOnce = false;
        for (FederationIssuer issuer : issuers) {
            try {
                JwtClaims claims = verify(issuer, token, Time.now());
                verifiedOnce = true;
                findings.add("signed by a key of issuer " + issuer.name() + ", unexpired, within its lifetime of " + issuer.maxJwtLifetimeSeconds() + " s"
                        + (issuer.checkJti() ? "; its jti must not have been used (not checked here)" : ""));
                for (FederationRule rule : federation.activeRules(issuer.id())) {
                    outcomes.add(new RuleOutcome(rule.id(), rule.name(), decisions.matchFederationRule(claims.getClaimsMap(), terms(rule), conditions)));
                }
            } catch (Refusal refusal) {
                findings.add("issuer " + issuer.name() + ": " + refusal.getMessage());
            }
        }
        return new TokenTest(verifiedOnce, findings, outcomes);
    }

    // ------------------------------------------------------------------------------------------------------ gateway

    /**
     * An exchanged token as it stands now: unexpired, its rule, issuer and service account not archived; the workspaces
     * it may use are its rule's (all, or those listed) where its service account may work. Empty: not a good token.
     */
    @Transactional
    public Optional<VerifiedToken> verify(String secret) {
        if (secret == null || !secret.startsWith(Secrets.FEDERATED_TOKEN_PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        Optional<FederationToken> found = federation.tokenBySecretHash(Secrets.hash(secret));
        if (found.isEmpty() || !found.get().expiresAt().isAfter(Time.now())) {
            return Optional.empty();
        }
        FederationToken token = found.get();
        Optional<FederationRule> rule = federation.rule(token.organizationId(), token.ruleId()).filter(r -> !r.archived());
        Optional<FederationIssuer> issuer = federation.issuer(token.organizationId(), token.issuerId()).filter(i -> !i.archived());
        Optional<ServiceAccount> account = serviceAccounts.find(token.organizationId(), token.serviceAccountId()).filter(a -> !a.archived());
        if (rule.isEmpty() || issuer.isEmpty() || account.isEmpty() || !rule.get().serviceAccountId().equals(account.get().id())) {
            return Optional.empty();
        }
        List<Workspace> candidates = rule.get().appliesToAllWorkspaces()
                ? workspaces.active(token.organizationId())
                : rule.get().workspaces().stream().map(w -> workspaces.find(token.organizationId(), w.workspaceId())).flatMap(Optional::stream).toList();
        List<String> usable = candidates.stream().filter(w -> serviceAccountService.mayUse(account.get(), w)).map(Workspace::id).sorted().toList();
        return Optional.of(new VerifiedToken(token.id(), token.organizationId(), account.get().id(), rule.get().id(), usable));
    }

    // ------------------------------------------------------------------------------------------------- key polling

    /** Fetches the keys of issuers due for it (every five minutes each), recording how it went in poll_status. */
    @Transactional
    public int pollDue() {
        Instant now = Time.now();
        int polled = 0;
        for (FederationIssuer issuer : federation.dueForPolling(now)) {
            boolean fetched;
            try {
                keys.fetch(issuer);
                fetched = true;
            } catch (java.io.IOException | JoseException | RuntimeException failed) {
                fetched = false;
                LOG.info(() -> "federation issuer " + issuer.id() + ": keys not fetched: " + failed.getMessage());
            }
            issuer.polled(fetched, now, now.plusSeconds(IssuerKeys.CACHE_SECONDS));
            polled++;
        }
        return polled;
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw DomainException.invalidField("name", "name is required, at most 255 characters.");
        }
        return name.strip();
    }

    private static String scope(String scope) {
        if (scope == null || scope.isBlank() || scope.length() > 255) {
            throw DomainException.invalidField("oauth_scope", "oauth_scope is required, at most 255 characters.");
        }
        return scope.strip();
    }

    static String issuerUrl(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw DomainException.invalidField("issuer_url", "issuer_url is required: the tokens' iss, an https URL.");
        }
        try {
            URI uri = new URI(url);
            if (!httpsOrLocal(uri) || uri.getRawFragment() != null || uri.getRawQuery() != null) {
                throw DomainException.invalidField("issuer_url", "issuer_url is an https URL without query or fragment (http only for localhost).");
            }
        } catch (java.net.URISyntaxException invalid) {
            throw DomainException.invalidField("issuer_url", "issuer_url is not a URL.");
        }
        return url;
    }

    /** Where an issuer's tokens and keys may come from: https, or http on this machine only (development). */
    public static boolean httpsOrLocal(URI uri) {
        boolean local = "http".equals(uri.getScheme()) && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        return uri.getHost() != null && ("https".equals(uri.getScheme()) || local);
    }

    private static long lifetime(Long value, long absent, String field) {
        if (value == null) {
            return absent;
        }
        if (value < MIN_LIFETIME_SECONDS || value > MAX_LIFETIME_SECONDS) {
            throw DomainException.invalidField(field, field + " is from " + MIN_LIFETIME_SECONDS + " to " + MAX_LIFETIME_SECONDS + " seconds.");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String truncate(String value) {
        return value == null ? null : value.length() > 200 ? value.substring(0, 200) : value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static String describe(FederationIssuer issuer) {
        return JsonBuilders.object().add("name", issuer.name()).add("issuer_url", issuer.issuerUrl()).add("jwks_type", issuer.jwksType().value())
                .add("check_jti", issuer.checkJti()).add("max_jwt_lifetime_seconds", issuer.maxJwtLifetimeSeconds()).build().toString();
    }

    private static String describe(FederationRule rule) {
        return JsonBuilders.object().add("name", rule.name()).add("issuer_id", rule.issuerId()).add("service_account_id", rule.serviceAccountId())
                .add("token_lifetime_seconds", rule.tokenLifetimeSeconds()).add("applies_to_all_workspaces", rule.appliesToAllWorkspaces())
                .build().toString();
    }
}
