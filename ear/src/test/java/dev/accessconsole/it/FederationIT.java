package dev.accessconsole.it;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.beta.organization.federation.issuers.BetaFederationIssuer;
import com.anthropic.models.beta.organization.federation.issuers.BetaJwksDiscovery;
import com.anthropic.models.beta.organization.federation.issuers.BetaJwksInline;
import com.anthropic.models.beta.organization.federation.issuers.IssuerCreateParams;
import com.anthropic.models.beta.organization.federation.issuers.IssuerListParams;
import com.anthropic.models.beta.organization.federation.issuers.IssuerUpdateParams;
import com.anthropic.models.beta.organization.federation.rules.BetaFederationRule;
import com.anthropic.models.beta.organization.federation.rules.BetaFederationRuleMatch;
import com.anthropic.models.beta.organization.federation.rules.BetaFederationRuleWorkspace;
import com.anthropic.models.beta.organization.federation.rules.RuleCreateParams;
import com.anthropic.models.beta.organization.federation.rules.RuleListParams;
import com.anthropic.models.beta.organization.federation.rules.RuleUpdateParams;
import com.anthropic.models.beta.organization.federation.rules.workspaces.WorkspaceAddParams;
import com.anthropic.models.beta.organization.federation.rules.workspaces.WorkspaceRemoveParams;
import com.anthropic.models.beta.organization.federation.rules.workspaces.WorkspaceRemoveResponse;
import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workload identity federation (roles.md, "Keyless workloads"), from outside: Keycloak issues a CI job's token through a
 * confidential client's client-credentials grant, its keys found by discovery; a second issuer's keys are given inline and
 * its tokens are minted here. The token exchange is called as a CI job would (plain HTTP, a form); the gateway takes the
 * exchanged token in the rule's workspaces only, and not once the rule is archived; every way a token can be wrong gets
 * the same {@code invalid_grant}; the official client drives every issuer and rule method with response validation on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class FederationIT {

    private static final String KEYCLOAK_ISSUER = System.getProperty("keycloak.issuer", "http://localhost:18080/realms/accessconsole");
    private static final String KEYCLOAK_AUDIENCE = "https://access-console.example/federation";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private final String gateway = Api.platformToken("gateway");

    @Test
    void whenAKeycloakWorkloadExchangesItsTokenThenTheGatewayTakesItInTheRulesWorkspaceOnlyUntilTheRuleIsArchived() throws Exception {
        Person admin = Api.newPerson("fed-admin");
        String orgId = Orgs.create(admin, "Federated");
        String deploys = workspace(admin, "Deploys");
        String other = workspace(admin, "Other");
        String account = serviceAccount(admin, "ci-deployer", "developer", deploys, other);

        JsonObject issuer = ok(admin.request("POST", "/v1/organizations/federation_issuers").json("{\"name\":\"Keycloak\",\"issuer_url\":\""
                + KEYCLOAK_ISSUER + "\",\"jwks\":{\"type\":\"discovery\"},\"check_jti\":true,\"max_jwt_lifetime_seconds\":3600}").send());
        assertThat(issuer.getString("type")).isEqualTo("federation_issuer");
        assertThat(issuer.getJsonObject("jwks").getString("type")).isEqualTo("discovery");
        JsonObject rule = ok(admin.request("POST", "/v1/organizations/federation_rules").json("{\"issuer_id\":\"" + issuer.getString("id")
                + "\",\"name\":\"main branch deploys\",\"oauth_scope\":\"workspace:developer\",\"token_lifetime_seconds\":600,"
                + "\"target\":{\"type\":\"service_account\",\"service_account_id\":\"" + account + "\"},\"workspace_id\":\"" + deploys + "\","
                + "\"match\":{\"audience\":\"" + KEYCLOAK_AUDIENCE + "\",\"claims\":{\"repository\":\"acme/payments\",\"azp\":\"ci-deployer\"},"
                + "\"condition\":\"claims.ref.startsWith('refs/heads/') && claims.repository == 'acme/payments'\"}}").send());
        assertThat(rule.getJsonArray("workspace_ids").getString(0)).isEqualTo(deploys);
        assertThat(rule.getJsonObject("target").getString("service_account_name")).isEqualTo("ci-deployer");

        // the CI job: its own token from Keycloak, exchanged at /v1/oauth/token
        String workloadToken = keycloakClientCredentials();
        HttpResponse<String> exchanged = exchange(workloadToken, null);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(exchanged.headers().firstValue("Cache-Control")).contains("no-store");
        JsonObject grant = Api.parse(exchanged.body());
        String access = grant.getString("access_token");
        assertThat(access).startsWith("sk-ant-oat01-");
        assertThat(grant.getString("token_type")).isEqualTo("Bearer");
        assertThat(grant.getString("issued_token_type")).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(grant.getJsonNumber("expires_in").longValue()).isBetween(1L, 600L);
        assertThat(grant.getString("scope")).isEqualTo("workspace:developer");

        // the gateway: the service account, in the rule's workspace only
        Response inDeploys = verify(access, deploys);
        assertThat(inDeploys.status()).as(inDeploys.toString()).isEqualTo(200);
        assertThat(inDeploys.json().getString("service_account_id")).isEqualTo(account);
        assertThat(inDeploys.json().getString("organization_id")).isEqualTo(orgId);
        assertThat(verify(access, null).json().getJsonArray("workspace_ids").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly(deploys);
        assertThat(verify(access, other).status()).as("a workspace the rule does not name").isEqualTo(401);

        // the same token again: its jti was used (check_jti)
        HttpResponse<String> replayed = exchange(workloadToken, null);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(Api.parse(replayed.body()).getString("error")).isEqualTo("invalid_grant");

        // the console's test: which rule matches and why, and none once the condition asks for another repository
        JsonObject test = ok(admin.request("POST", "/v1/organizations/federation_rules/test").json("{\"token\":\"" + keycloakClientCredentials() + "\"}").send());
        assertThat(test.getBoolean("verified")).isTrue();
        JsonObject outcome = test.getJsonArray("rules").getJsonObject(0);
        assertThat(outcome.getBoolean("matched")).isTrue();
        assertThat(outcome.getJsonArray("reasons").toString()).contains("audience " + KEYCLOAK_AUDIENCE, "claim repository is acme/payments", "holds");
        ok(admin.request("POST", "/v1/organizations/federation_rules/" + rule.getString("id"))
                .json("{\"match\":{\"audience\":\"" + KEYCLOAK_AUDIENCE + "\",\"condition\":\"claims.repository == 'acme/billing'\"}}").send());
        JsonObject failing = ok(admin.request("POST", "/v1/organizations/federation_rules/test").json("{\"token\":\"" + keycloakClientCredentials() + "\"}").send());
        assertThat(failing.getJsonArray("rules").getJsonObject(0).getBoolean("matched")).isFalse();
        assertThat(failing.getJsonArray("rules").getJsonObject(0).getJsonArray("reasons").toString()).contains("does not hold");
        HttpResponse<String> conditionFails = exchange(keycloakClientCredentials(), null);
        assertThat(conditionFails.statusCode()).isEqualTo(400);
        assertThat(Api.parse(conditionFails.body()).getString("error")).isEqualTo("invalid_grant");
        ok(admin.request("POST", "/v1/organizations/federation_rules/" + rule.getString("id"))
                .json("{\"match\":{\"audience\":\"" + KEYCLOAK_AUDIENCE + "\",\"condition\":\"claims.repository == 'acme/payments'\"}}").send());

        // archiving the rule ends the exchanged token at once
        ok(admin.request("POST", "/v1/organizations/federation_rules/" + rule.getString("id") + "/archive").send());
        assertThat(verify(access, deploys).status()).as("the rule archived").isEqualTo(401);
        assertThat(exchange(keycloakClientCredentials(), null).statusCode()).isEqualTo(400);

        // every exchange is audited, never with a token
        String audit = admin.request("GET", "/v1/organizations/audit_events?limit=1000").send().body();
        assertThat(audit).contains("federation.token_exchange", "federation.token_exchange_refused", "federation_rule.archive");
        assertThat(audit).doesNotContain(access).doesNotContain(workloadToken.substring(workloadToken.lastIndexOf('.') + 1));
    }

    @Test
    void whenATokenIsWrongInAnyWayThenTheExchangeAnswersInvalidGrantAndNothingElse() throws Exception {
        Person admin = Api.newPerson("fed-inline");
        Orgs.create(admin, "Inline issuer");
        String workspace = workspace(admin, "Builds");
        String account = serviceAccount(admin, "builder", "developer", workspace);
        KeyPair key = rsa();
        String issuerUrl = "https://ci.example/" + UUID.randomUUID();
        JsonObject issuer = ok(admin.request("POST", "/v1/organizations/federation_issuers").json("{\"name\":\"Inline CI\",\"issuer_url\":\"" + issuerUrl
                + "\",\"check_jti\":true,\"max_jwt_lifetime_seconds\":900,\"jwks\":{\"type\":\"inline\",\"keys\":[" + jwk(key, "k1") + "]}}").send());
        assertThat(issuer.isNull("poll_status")).as("inline keys are not polled").isTrue();
        ok(admin.request("POST", "/v1/organizations/federation_rules").json("{\"issuer_id\":\"" + issuer.getString("id")
                + "\",\"name\":\"release jobs\",\"oauth_scope\":\"workspace:developer\",\"applies_to_all_workspaces\":true,"
                + "\"target\":{\"type\":\"service_account\",\"service_account_id\":\"" + account + "\"},"
                + "\"match\":{\"audience\":\"access-console\",\"subject_prefix\":\"repo:acme/\",\"claims\":{\"environment\":\"production\"},"
                + "\"condition\":\"claims.run_attempt > 2\"}}").send());

        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> good = claims(issuerUrl, now);
        HttpResponse<String> accepted = exchange(sign(key, "k1", good), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(verify(Api.parse(accepted.body()).getString("access_token"), workspace).status()).isEqualTo(200);

        Map<String, Map<String, Object>> wrong = new LinkedHashMap<>();
        wrong.put("the wrong audience", with(claims(issuerUrl, now), "aud", "someone-else"));
        wrong.put("a subject outside the prefix", with(claims(issuerUrl, now), "sub", "repo:evil/app:ref:refs/heads/main"));
        wrong.put("a claim with another value", with(claims(issuerUrl, now), "environment", "staging"));
        wrong.put("a failing CEL condition", with(claims(issuerUrl, now), "run_attempt", 1));
        wrong.put("an expired token", with(with(claims(issuerUrl, now), "iat", now - 700), "exp", now - 100));
        wrong.put("a token living longer than the issuer allows", with(claims(issuerUrl, now), "exp", now + 3_600));
        wrong.put("a foreign issuer", with(claims(issuerUrl, now), "iss", "https://evil.example/" + UUID.randomUUID()));
        wrong.put("no expiry", without(claims(issuerUrl, now), "exp"));
        List<String> answers = new ArrayList<>();
        for (var entry : wrong.entrySet()) {
            HttpResponse<String> refused = exchange(sign(key, "k1", entry.getValue()), null);
            assertThat(refused.statusCode()).as(entry.getKey()).isEqualTo(400);
            answers.add(refused.body());
        }
        // a replayed jti, another key, no signature at all, a shared-secret algorithm, garbage
        HttpResponse<String> replayed = exchange(sign(key, "k1", good), null);
        answers.add(replayed.body());
        answers.add(exchange(sign(rsa(), "k1", claims(issuerUrl, now)), null).body());
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(Api.parse(json(claims(issuerUrl, now))).toString()) + ".";
        answers.add(exchange(unsigned, null).body());
        String hs256 = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "." + b64(json(claims(issuerUrl, now))) + "." + b64("not-a-mac");
        answers.add(exchange(hs256, null).body());
        answers.add(exchange("not.a.jwt", null).body());
        assertThat(answers).as("the same answer for every reason: nothing says which rule almost matched").allSatisfy(body ->
                assertThat(body).isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"The subject token was not accepted.\"}"));

        // the protocol's own errors
        HttpResponse<String> grantType = post("/v1/oauth/token", "grant_type=client_credentials&subject_token=x&subject_token_type="
                + enc("urn:ietf:params:oauth:token-type:jwt"));
        assertThat(grantType.statusCode()).isEqualTo(400);
        assertThat(Api.parse(grantType.body()).getString("error")).isEqualTo("unsupported_grant_type");
        HttpResponse<String> noToken = post("/v1/oauth/token", "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:jwt"));
        assertThat(Api.parse(noToken.body()).getString("error")).isEqualTo("invalid_request");

        // archiving the issuer ends the tokens exchanged through it
        String second = Api.parse(exchange(sign(key, "k1", claims(issuerUrl, now)), null).body()).getString("access_token");
        assertThat(verify(second, workspace).status()).isEqualTo(200);
        ok(admin.request("POST", "/v1/organizations/federation_issuers/" + issuer.getString("id") + "/archive").send());
        assertThat(verify(second, workspace).status()).isEqualTo(401);
        assertThat(exchange(sign(key, "k1", claims(issuerUrl, now)), null).statusCode()).isEqualTo(400);
    }

    @Test
    void whenAnAdminApiKeyFederatesThenOnlyDeveloperServiceAccountsAndTheOfficialClientDrivesEveryMethod() throws Exception {
        Person admin = Api.newPerson("fed-client");
        Orgs.create(admin, "Federation client");
        String workspace = workspace(admin, "Client builds");
        String second = workspace(admin, "Client tests");
        String developerAccount = serviceAccount(admin, "builder", "developer", workspace, second);
        String adminAccount = serviceAccount(admin, "root-bot", "admin");
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"platform\"}").send().json().getString("secret");
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(Api.BASE.toString()).apiKey(secret).responseValidation(true).maxRetries(0).build();
        var issuers = client.beta().organization().federation().issuers();
        var rules = client.beta().organization().federation().rules();
        KeyPair key = rsa();

        BetaFederationIssuer inline = issuers.create(IssuerCreateParams.builder().name("Inline").issuerUrl("https://ci.example/" + UUID.randomUUID())
                .jwks(BetaJwksInline.builder().addKey(BetaJwksInline.Key.builder().additionalProperties(jsonValues(Api.parse(jwk(key, "k1")))).build()).build())
                .checkJti(true).maxJwtLifetimeSeconds(900L).build());
        assertThat(inline.jwks().isInline()).isTrue();
        BetaFederationIssuer discovered = issuers.create(IssuerCreateParams.builder().name("Keycloak").issuerUrl(KEYCLOAK_ISSUER)
                .jwks(BetaJwksDiscovery.builder().build()).build());
        assertThat(discovered.jwks().isDiscovery()).isTrue();
        assertThat(discovered.pollStatus()).isPresent();
        assertThat(issuers.retrieve(inline.id()).name()).isEqualTo("Inline");
        BetaFederationIssuer renamed = issuers.update(inline.id(), IssuerUpdateParams.builder().name("Inline CI").build());
        assertThat(renamed.name()).isEqualTo("Inline CI");
        List<String> listed = new ArrayList<>();
        issuers.list(IssuerListParams.builder().limit(1L).build()).autoPager().forEach(i -> listed.add(i.id()));
        assertThat(listed).containsExactlyInAnyOrder(inline.id(), discovered.id());

        BetaFederationRule rule = rules.create(RuleCreateParams.builder().issuerId(inline.id()).name("builds").oauthScope("workspace:developer")
                .serviceAccountTarget(developerAccount)
                .match(BetaFederationRuleMatch.builder().audience("access-console").subjectPrefix("repo:acme/")
                        .claims(BetaFederationRuleMatch.Claims.builder().putAdditionalProperty("environment", JsonValue.from("production")).build())
                        .condition("claims.run_attempt > 2").build())
                .workspaceId(workspace).tokenLifetimeSeconds(300L).description("release builds").build());
        assertThat(rule.workspaceIds()).containsExactly(workspace);
        assertThat(rule.target().serviceAccountId()).isEqualTo(developerAccount);
        assertThat(rules.retrieve(rule.id()).name()).isEqualTo("builds");
        BetaFederationRule updated = rules.update(rule.id(), RuleUpdateParams.builder().tokenLifetimeSeconds(120L).build());
        assertThat(updated.tokenLifetimeSeconds()).isEqualTo(120L);
        List<String> listedRules = new ArrayList<>();
        rules.list(RuleListParams.builder().issuerId(inline.id()).build()).autoPager().forEach(r -> listedRules.add(r.id()));
        assertThat(listedRules).containsExactly(rule.id());

        BetaFederationRuleWorkspace added = rules.workspaces().add(rule.id(), WorkspaceAddParams.builder().workspaceId(second).build());
        assertThat(added.workspaceId()).isEqualTo(second);
        List<String> ruleWorkspaces = new ArrayList<>();
        rules.workspaces().list(rule.id()).autoPager().forEach(w -> ruleWorkspaces.add(w.workspaceId()));
        assertThat(ruleWorkspaces).containsExactlyInAnyOrder(workspace, second);
        WorkspaceRemoveResponse removed = rules.workspaces().remove(second, WorkspaceRemoveParams.builder().federationRuleId(rule.id()).build());
        assertThat(removed.workspaceId()).isEqualTo(second);

        // the exchanged token lives no longer than the rule allows
        HttpResponse<String> exchanged = exchange(sign(key, "k1", claims(inline.issuerUrl(), System.currentTimeMillis() / 1000)), null);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(Api.parse(exchanged.body()).getJsonNumber("expires_in").longValue()).isBetween(1L, 120L);

        // an Admin API key federates into a developer service account only
        Response toAdmin = Api.request("POST", "/v1/organizations/federation_rules").header("x-api-key", secret).json("{\"issuer_id\":\"" + inline.id()
                + "\",\"name\":\"root\",\"oauth_scope\":\"x\",\"target\":{\"type\":\"service_account\",\"service_account_id\":\"" + adminAccount
                + "\"},\"match\":{}}").send();
        assertThat(toAdmin.status()).as(toAdmin.toString()).isEqualTo(403);
        assertThat(toAdmin.json().getJsonObject("error").getJsonObject("details").getString("permission")).isEqualTo("members:manage");
        // a signed-in admin may, and then the key may no longer change that issuer
        ok(admin.request("POST", "/v1/organizations/federation_rules").json("{\"issuer_id\":\"" + inline.id() + "\",\"name\":\"root\","
                + "\"oauth_scope\":\"x\",\"target\":{\"type\":\"service_account\",\"service_account_id\":\"" + adminAccount + "\"},\"match\":{\"audience\":\"ops\"}}").send());
        assertThat(Api.request("POST", "/v1/organizations/federation_issuers/" + inline.id()).header("x-api-key", secret)
                .json("{\"check_jti\":false}").send().status()).isEqualTo(403);

        // bad input: clear 400s naming the field
        assertThat(admin.request("POST", "/v1/organizations/federation_rules").json("{\"issuer_id\":\"" + inline.id() + "\",\"name\":\"bad\","
                + "\"oauth_scope\":\"x\",\"target\":{\"service_account_id\":\"" + developerAccount + "\"},\"match\":{\"condition\":\"claims.x +\"}}")
                .send().errorCode()).isEqualTo("invalid_condition");
        assertThat(admin.request("POST", "/v1/organizations/federation_issuers").json("{\"name\":\"bad\",\"issuer_url\":\"ftp://x\"}").send().errorCode())
                .isEqualTo("invalid_issuer_url");
        assertThat(admin.request("POST", "/v1/organizations/federation_issuers").json("{\"name\":\"bad\",\"issuer_url\":\"https://x.example\","
                + "\"jwks\":{\"type\":\"inline\",\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"AQAB\"}]}}").send().errorCode())
                .isEqualTo("invalid_jwks");

        BetaFederationRule archivedRule = rules.archive(rule.id());
        assertThat(archivedRule.archivedAt()).isPresent();
        BetaFederationIssuer archived = issuers.archive(discovered.id());
        assertThat(archived.archivedAt()).isPresent();
        assertThat(admin.request("GET", "/v1/organizations/federation_issuers/fdis_nope").send().errorCode()).isEqualTo("federation_issuer_not_found");
    }

    // ---------------------------------------------------------------------------------------------------------- helpers

    private static JsonObject ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String workspace(Person admin, String name) {
        return ok(admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"" + name + " " + UUID.randomUUID().toString().substring(0, 6) + "\"}")
                .send()).getString("id");
    }

    private static String serviceAccount(Person admin, String name, String role, String... workspaces) {
        String id = ok(admin.request("POST", "/v1/organizations/service_accounts").json("{\"name\":\"" + name + "\",\"organization_role\":\"" + role + "\"}")
                .send()).getString("id");
        for (String workspace : workspaces) {
            ok(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts")
                    .json("{\"service_account_id\":\"" + id + "\",\"workspace_role\":\"workspace_developer\"}").send());
        }
        return id;
    }

    private Response verify(String token, String workspaceId) {
        return Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway)
                .json("{\"key\":\"" + token + "\"" + (workspaceId == null ? "" : ",\"workspace_id\":\"" + workspaceId + "\"") + "}").send();
    }

    public static HttpResponse<String> exchange(String subjectToken, URI base) throws Exception {
        return post(base, "/v1/oauth/token", "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token=" + enc(subjectToken)
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:jwt"));
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return post(null, path, form);
    }

    private static HttpResponse<String> post(URI base, String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder((base == null ? Api.BASE : base).resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token from Keycloak for the ci-deployer client (client-credentials grant), as a CI job gets one. */
    private static String keycloakClientCredentials() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK_ISSUER + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=ci-deployer&client_secret=ci-deployer-secret-for-tests-only"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.parse(response.body()).getString("access_token");
    }

    public static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The public half as a JWK. */
    public static String jwk(KeyPair key, String kid) {
        RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + unsigned(rsa.getModulus())
                + "\",\"e\":\"" + unsigned(rsa.getPublicExponent()) + "\"}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A CI job's claims: a release run of acme's repository, five minutes to live, a fresh jti. */
    public static Map<String, Object> claims(String issuer, long now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "repo:acme/payments:ref:refs/heads/main");
        claims.put("aud", "access-console");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("environment", "production");
        claims.put("run_attempt", 3);
        return claims;
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.remove(name);
        return changed;
    }

    public static String sign(KeyPair key, String kid, Map<String, Object> claims) {
        return DevTokens.sign(key.getPrivate(), Map.of("alg", "RS256", "typ", "JWT", "kid", kid), claims);
    }

    private static String json(Map<String, Object> claims) {
        StringBuilder json = new StringBuilder("{");
        for (var entry : claims.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(entry.getKey()).append("\":");
            json.append(entry.getValue() instanceof Number ? entry.getValue().toString() : "\"" + entry.getValue() + "\"");
        }
        return json.append('}').toString();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, JsonValue> jsonValues(JsonObject object) {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        object.forEach((name, value) -> values.put(name, JsonValue.from(((jakarta.json.JsonString) value).getString())));
        return values;
    }
}
