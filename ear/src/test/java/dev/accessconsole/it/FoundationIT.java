package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The first slice end to end: tokens, organizations, the guard's outcomes, errors, health and OpenAPI. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FoundationIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    @Test
    void aPersonCreatesAnOrganizationAndReadsIt() {
        Person alice = Api.newPerson("alice");
        String orgId = Orgs.create(alice, "Acme");

        Response me = alice.request("GET", "/v1/organizations/me").send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("id")).isEqualTo(orgId);
        assertThat(me.json().getString("type")).isEqualTo("organization");
        assertThat(me.json().getString("name")).isEqualTo("Acme");
        assertThat(me.header("anthropic-organization-id")).isEqualTo(orgId);
        assertThat(me.header("request-id")).startsWith("req_");

        JsonObject whoAmI = alice.request("GET", "/v1/me").send().json();
        assertThat(whoAmI.getString("id")).startsWith("user_");
        assertThat(whoAmI.getString("email")).isEqualTo(alice.email());
        assertThat(whoAmI.getJsonArray("organizations").getJsonObject(0).getString("role")).isEqualTo("admin");
    }

    @Test
    void aMemberWithRoleUserIsRefusedTheMemberListNamingThePermission() {
        Person admin = Api.newPerson("admin");
        String orgId = Orgs.create(admin, "Refusals");
        Person user = Orgs.join(orgId, admin, "user", "plain-user");

        Response refused = user.request("GET", "/v1/organizations/users").send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorType()).isEqualTo("permission_error");
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("members:manage");
        assertThat(refused.json().getString("request_id")).isEqualTo(refused.header("request-id"));

        Response allowed = admin.request("GET", "/v1/organizations/users").send();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().getJsonArray("data")).hasSize(2);
    }

    @Test
    void noCredentialIs401InTheErrorShape() {
        Response anonymous = Api.request("GET", "/v1/organizations/me").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorType()).isEqualTo("authentication_error");
        assertThat(anonymous.json().getString("type")).isEqualTo("error");
        assertThat(anonymous.header("request-id")).isNotBlank();

        assertThat(Api.request("GET", "/v1/me").send().status()).isEqualTo(401);
        assertThat(Api.request("POST", "/v1/organizations").json("{\"name\":\"x\"}").send().status()).isEqualTo(401);
    }

    @Test
    void aTokenSignedByAnUnknownKeyIs401InTheErrorShape() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var foreign = generator.generateKeyPair().getPrivate();
        Person real = Api.newPerson("forged");
        String forged = DevTokens.forUser(foreign, real.subject(), real.email(), "Forged");

        Response refused = Api.request("GET", "/v1/me").bearer(forged).send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorType()).isEqualTo("authentication_error");
        assertThat(refused.header("content-type")).startsWith("application/json");
        assertThat(refused.header("request-id")).startsWith("req_");
    }

    @Test
    void tokensOutsideThePolicyAreRefused() {
        Person person = Api.newPerson("policy");
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT");
        // wrong audience
        assertThat(Api.request("GET", "/v1/me").bearer(DevTokens.sign(Api.devKey(), header, Map.of("iss", DevTokens.ISSUER,
                "aud", "someone-else", "sub", person.subject(), "iat", now, "exp", now + 300))).send().status()).isEqualTo(401);
        // wrong issuer
        assertThat(Api.request("GET", "/v1/me").bearer(DevTokens.sign(Api.devKey(), header, Map.of("iss", "https://evil.example",
                "aud", DevTokens.AUDIENCE, "sub", person.subject(), "iat", now, "exp", now + 300))).send().status()).isEqualTo(401);
        // expired beyond the 30 s skew
        assertThat(Api.request("GET", "/v1/me").bearer(DevTokens.sign(Api.devKey(), header, Map.of("iss", DevTokens.ISSUER,
                "aud", DevTokens.AUDIENCE, "sub", person.subject(), "iat", now - 600, "exp", now - 60))).send().status()).isEqualTo(401);
        // lifetime over the maximum (one hour)
        assertThat(Api.request("GET", "/v1/me").bearer(DevTokens.sign(Api.devKey(), header, Map.of("iss", DevTokens.ISSUER,
                "aud", DevTokens.AUDIENCE, "sub", person.subject(), "iat", now, "exp", now + 86_400))).send().status()).isEqualTo(401);
        // missing iat
        assertThat(Api.request("GET", "/v1/me").bearer(DevTokens.sign(Api.devKey(), header, Map.of("iss", DevTokens.ISSUER,
                "aud", DevTokens.AUDIENCE, "sub", person.subject(), "exp", now + 300))).send().status()).isEqualTo(401);
        // alg none
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + person.token().split("\\.")[1] + ".";
        assertThat(Api.request("GET", "/v1/me").bearer(unsigned).send().status()).isEqualTo(401);
        // and the same claims, properly signed, pass
        assertThat(Api.request("GET", "/v1/me").bearer(person.token()).send().status()).isEqualTo(200);
    }

    @Test
    void rsaKeysUnder2048BitsAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        RSAPrivateKey weak = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        // the deployed application itself refuses keys under 2048 bits: SmallRye relaxes key validation unless told not to
        var war = Deployments.realEar().getAsType(org.jboss.shrinkwrap.api.spec.WebArchive.class, "access-console-web.war");
        java.util.Properties config = new java.util.Properties();
        try (var in = war.get("/WEB-INF/classes/META-INF/microprofile-config.properties").getAsset().openStream()) {
            config.load(in);
        }
        assertThat(config.getProperty("smallrye.jwt.verify.relax-key-validation")).isEqualTo("false");
        Person person = Api.newPerson("weak");
        assertThat(Api.request("GET", "/v1/me").bearer(DevTokens.forUser(weak, person.subject(), person.email(), "Weak")).send().status())
                .isEqualTo(401);
    }

    @Test
    void anOrganizationTheCallerIsNotMemberOfIs404() {
        Person alice = Api.newPerson("alice");
        Person mallory = Api.newPerson("mallory");
        String aliceOrg = Orgs.create(alice, "Alice Inc");
        Orgs.create(mallory, "Mallory Inc");

        Response probe = mallory.request("GET", "/v1/organizations/users").org(aliceOrg).send();
        assertThat(probe.status()).isEqualTo(404);
        assertThat(probe.errorType()).isEqualTo("not_found_error");
        Response unknown = mallory.request("GET", "/v1/organizations/me").org("00000000-0000-0000-0000-000000000000").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(unknown.body().replace(aliceOrg, ""));
    }

    @Test
    void theOrganizationComesFromTheHeaderWhenTheCallerHasSeveral() {
        Person alice = Api.newPerson("multi");
        String first = Orgs.create(alice, "First");
        String second = Orgs.create(alice, "Second");

        Response ambiguous = alice.request("GET", "/v1/organizations/me").send();
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.errorType()).isEqualTo("invalid_request_error");
        assertThat(alice.request("GET", "/v1/organizations/me").org(first).send().json().getString("name")).isEqualTo("First");
        assertThat(alice.request("GET", "/v1/organizations/me").org(second).send().json().getString("name")).isEqualTo("Second");

        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        long now = System.currentTimeMillis() / 1000;
        claims.putAll(Map.of("iss", DevTokens.ISSUER, "aud", DevTokens.AUDIENCE, "sub", alice.subject(), "email", alice.email(),
                "iat", now, "exp", now + 300, "org_id", second));
        String scoped = DevTokens.sign(Api.devKey(), Map.of("alg", "RS256", "typ", "JWT"), claims);
        // the token's org_id claim comes before the header
        assertThat(Api.request("GET", "/v1/organizations/me").bearer(scoped).org(first).send().json().getString("name")).isEqualTo("Second");
    }

    @Test
    void myPermissionsFollowTheRoleMatrix() {
        Person admin = Api.newPerson("admin");
        String orgId = Orgs.create(admin, "Perms");
        Person billing = Orgs.join(orgId, admin, "billing", "billing");
        JsonObject answer = billing.request("GET", "/v1/organizations/me/permissions").send().json();
        assertThat(answer.getString("organization_role")).isEqualTo("billing");
        assertThat(answer.getString("workspace_role")).isEqualTo("workspace_billing");
        assertThat(answer.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString))
                .contains("billing:read", "billing:manage", "cost:read", "usage:read")
                .doesNotContain("members:manage", "api_keys:manage", "claude_code:use");
        assertThat(billing.request("GET", "/v1/organizations/me/permissions?workspace_id=wrkspc_nope").send().status()).isEqualTo(404);
    }

    @Test
    void theRoleMatrixIsPublishedToSignedInCallers() {
        Person person = Api.newPerson("reader");
        JsonObject matrix = person.request("GET", "/v1/roles").send().json();
        assertThat(matrix.getJsonArray("organization_roles")).hasSize(5);
        JsonObject billing = matrix.getJsonArray("organization_roles").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("role").equals("billing")).findFirst().orElseThrow();
        assertThat(billing.getString("implied_workspace_role")).isEqualTo("workspace_billing");
        assertThat(billing.isNull("implied_claude_code_workspace_role")).isTrue();
        assertThat(Api.request("GET", "/v1/roles").send().status()).isEqualTo(401);
    }

    @Test
    void supportAndGatewayTokensCannotActAsMembers() {
        long now = System.currentTimeMillis() / 1000;
        for (String group : new String[]{"support", "gateway"}) {
            String token = DevTokens.sign(Api.devKey(), Map.of("alg", "RS256", "typ", "JWT"), Map.of("iss", DevTokens.ISSUER,
                    "aud", DevTokens.AUDIENCE, "sub", group + "-bot", "iat", now, "exp", now + 300, "groups", java.util.List.of(group)));
            Response refused = Api.request("GET", "/v1/me").bearer(token).send();
            assertThat(refused.status()).as(group).isEqualTo(403);
            assertThat(refused.errorType()).isEqualTo("permission_error");
            assertThat(Api.request("POST", "/v1/organizations").bearer(token).json("{\"name\":\"x\"}").send().status()).isEqualTo(403);
        }
    }

    @Test
    void badInputIsAClear400AndChangesNothing() {
        Person alice = Api.newPerson("input");
        Response blank = alice.request("POST", "/v1/organizations").json("{\"name\":\"   \"}").send();
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.errorCode()).isEqualTo("invalid_name");
        Response malformed = alice.request("POST", "/v1/organizations").json("{\"name\":").send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorType()).isEqualTo("invalid_request_error");
        Response noBody = alice.request("POST", "/v1/organizations").json("").send();
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(alice.request("GET", "/v1/me").send().json().getJsonArray("organizations")).isEmpty();

        String orgId = Orgs.create(alice, "Input");
        Response badLimit = alice.request("GET", "/v1/organizations/users?limit=0").org(orgId).send();
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(alice.request("GET", "/v1/organizations/users?limit=abc").org(orgId).send().status()).isEqualTo(400);
        assertThat(alice.request("GET", "/v1/organizations/users?limit=1001").org(orgId).send().status()).isEqualTo(400);
        Response unknownPath = alice.request("GET", "/v1/nothing-here").send();
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.errorType()).isEqualTo("not_found_error");
        Response wrongMethod = alice.request("PATCH", "/v1/organizations/me").send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorType()).isEqualTo("invalid_request_error");
    }

    @Test
    void healthSaysUpAndNothingElseOnThePublicPort() {
        Response health = Api.request("GET", "/health").send();
        assertThat(health.status()).isEqualTo(200);
        // up or down only: no check names, no database product or version for an outsider
        assertThat(health.json().keySet()).containsExactly("status");
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.body()).doesNotContainIgnoringCase("H2").doesNotContainIgnoringCase("postgres").doesNotContain("version");
    }

    @Test
    void healthDetailsStayOnTheManagementInterface() throws Exception {
        // the application's checks sit in the EAR's library, where WildFly's management /health finds them (checks in
        // an EAR's subdeployments are not registered there)
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(System.getProperty("management.url", "http://127.0.0.1:9990") + "/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject database = jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readObject().getJsonArray("checks")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertThat(database.getString("status")).isEqualTo("UP");
        assertThat(database.getJsonObject("data").getString("product")).isNotBlank();
    }

    @Test
    void openApiDocumentsEveryOperationWithItsPermissions() {
        Response openapi = Api.request("GET", "/openapi?format=JSON").header("Accept", "application/json").send();
        assertThat(openapi.status()).isEqualTo(200);
        JsonObject paths = openapi.json().getJsonObject("paths");
        JsonObject listUsers = paths.getJsonObject("/v1/organizations/users").getJsonObject("get");
        assertThat(listUsers.getJsonArray("x-required-permissions").getString(0)).isEqualTo("members:manage");
        JsonObject me = paths.getJsonObject("/v1/me").getJsonObject("get");
        assertThat(me.getJsonArray("x-required-permissions").getString(0)).isEqualTo("authenticated");
        paths.forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (operation.getValueType() == jakarta.json.JsonValue.ValueType.OBJECT && operation.asJsonObject().containsKey("responses")) {
                assertThat(operation.asJsonObject().getJsonArray("x-required-permissions")).as(method + " " + path).isNotEmpty();
            }
        }));
    }
}
