package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in provisioning (roles.md): a person whose token comes from the organization's sign-in issuer with a verified email
 * in one of its domains joins at their first request with the default role, and each new token sets their membership of
 * the organization's SCIM groups from its groups claim. Proved with the real Keycloak of the suite (a user in its group
 * Engineering, a group-membership mapper, the person moved out of the group through Keycloak's admin API) and with the
 * development issuer for the refusals (unverified email, another domain, a claim naming a group nobody created).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInProvisioningIT {

    private static final String KEYCLOAK_ISSUER = System.getProperty("keycloak.issuer", "http://localhost:18080/realms/accessconsole");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    @Test
    void aKeycloakUserOfTheOrganizationsDomainJoinsAndHoldsWhatItsGroupCarries() throws Exception {
        Assumptions.assumeTrue(keycloakUp(), "Keycloak of the suite is not running");
        Person admin = Api.newPerson("jit-admin");
        String orgId = Orgs.create(admin, "Engineering Example");
        Response settings = admin.request("PUT", "/v1/organizations/sign_in_settings").json("{\"issuer\":\"" + KEYCLOAK_ISSUER
                + "\",\"email_domains\":[\"engineering.example\"],\"default_role\":\"user\",\"groups_claim\":\"groups\"}").send();
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(settings.json().getJsonArray("email_domains").getString(0)).isEqualTo("engineering.example");
        String scim = admin.request("POST", "/v1/organizations/scim_tokens").json("{}").send().json().getString("secret");
        String group = Api.request("POST", "/scim/v2/Groups").bearer(scim).json("{\"displayName\":\"Engineering\"}").send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + group).json("{\"role_ids\":[\"role_developer\"]}").send().status())
                .isEqualTo(200);
        String keycloakGroup = keycloakGroupId("Engineering");
        String keycloakUser = keycloakUserId("kc-eng");
        addToKeycloakGroup(keycloakUser, keycloakGroup);

        // never invited: the first request joins them, their only organization, as user plus developer through Engineering
        String token = keycloakToken("kc-eng", "kc-eng-password");
        Response me = Api.request("GET", "/v1/organizations/me").bearer(token).send();
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("id")).isEqualTo(orgId);
        JsonObject permissions = Api.request("GET", "/v1/organizations/me/permissions").bearer(token).send().json();
        assertThat(permissions.getString("organization_role")).isEqualTo("user");
        assertThat(permissions.getJsonArray("roles").toString()).contains("developer through group Engineering");
        assertThat(createKey(token).status()).as("a developer through the group").isEqualTo(200);
        JsonArray groupMembers = admin.request("GET", "/v1/organizations/rbac_groups/" + group + "/members").send().json().getJsonArray("data");
        assertThat(groupMembers.getJsonObject(0).getString("email")).isEqualTo("kc-eng@engineering.example");

        // moved out of the group in Keycloak: the next token holds nothing from it
        removeFromKeycloakGroup(keycloakUser, keycloakGroup);
        String next = keycloakToken("kc-eng", "kc-eng-password");
        assertThat(createKey(next).status()).as("out of Engineering").isEqualTo(403);
        JsonObject after = Api.request("GET", "/v1/organizations/me/permissions").bearer(next).send().json();
        assertThat(after.getJsonArray("roles").toString()).doesNotContain("Engineering");
        assertThat(admin.request("GET", "/v1/organizations/rbac_groups/" + group + "/members").send().json().getJsonArray("data")).isEmpty();
        addToKeycloakGroup(keycloakUser, keycloakGroup);
    }

    @Test
    void aKeycloakGroupNamedSupportMakesNobodyPlatformStaff() throws Exception {
        Assumptions.assumeTrue(keycloakUp(), "Keycloak of the suite is not running");
        String token = keycloakToken("kc-support", "kc-support-password");
        Response support = Api.request("PUT", "/v1/support/organizations/" + UUID.randomUUID() + "/limits").bearer(token)
                .json("{\"requests_per_minute\":1}").send();
        assertThat(support.status()).as(support.toString()).isEqualTo(403);
        assertThat(Api.request("GET", "/v1/me").bearer(token).send().status()).as("a person like any other").isEqualTo(200);
    }

    @Test
    void onlyAVerifiedEmailOfAnOwnedDomainFromTheIssuerJoins() {
        String domain = "jit-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Person admin = Api.newPerson("jit-dev-admin");
        String orgId = Orgs.create(admin, "Domain Owner");
        Response settings = admin.request("PUT", "/v1/organizations/sign_in_settings").json("{\"issuer\":\"" + DevTokens.ISSUER
                + "\",\"email_domains\":[\"" + domain.toUpperCase() + "\"],\"default_role\":\"developer\"}").send();
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);

        // verified, in the domain: joins with the default role
        String joined = DevTokens.forUser(Api.devKey(), "jit-" + UUID.randomUUID(), "new.hire@" + domain, "New Hire");
        assertThat(Api.request("GET", "/v1/organizations/me").bearer(joined).send().status()).isEqualTo(200);
        assertThat(Api.request("GET", "/v1/organizations/me/permissions").bearer(joined).send().json().getString("organization_role"))
                .isEqualTo("developer");
        // unverified: nothing
        String unverified = DevTokens.forPersonClaims(Api.devKey(), "jit-" + UUID.randomUUID(), "unverified@" + domain, false, "U");
        assertThat(Api.request("GET", "/v1/organizations/me").bearer(unverified).org(orgId).send().status()).isEqualTo(404);
        // another domain, a lookalike: nothing
        String other = DevTokens.forUser(Api.devKey(), "jit-" + UUID.randomUUID(), "someone@x" + domain, "X");
        assertThat(Api.request("GET", "/v1/organizations/me").bearer(other).org(orgId).send().status()).isEqualTo(404);

        // a domain belongs to one organization
        Person rival = Api.newPerson("jit-rival");
        Orgs.create(rival, "Rival");
        Response taken = rival.request("PUT", "/v1/organizations/sign_in_settings").json("{\"issuer\":\"" + DevTokens.ISSUER
                + "\",\"email_domains\":[\"" + domain + "\"]}").send();
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.errorCode()).isEqualTo("email_domain_taken");

        // an issuer the server does not verify, a default role above developer, an Admin API key: refused
        assertThat(admin.request("PUT", "/v1/organizations/sign_in_settings").json("{\"issuer\":\"https://evil.example\",\"email_domains\":[]}")
                .send().errorCode()).isEqualTo("invalid_issuer");
        assertThat(admin.request("PUT", "/v1/organizations/sign_in_settings").json("{\"issuer\":\"" + DevTokens.ISSUER
                + "\",\"default_role\":\"admin\"}").send().errorCode()).isEqualTo("invalid_default_role");
        String key = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"k\"}").send().json().getString("secret");
        assertThat(Api.request("PUT", "/v1/organizations/sign_in_settings").header("x-api-key", key).json("{\"issuer\":\"" + DevTokens.ISSUER
                + "\"}").send().status()).isEqualTo(403);
        assertThat(Api.request("GET", "/v1/organizations/sign_in_settings").header("x-api-key", key).send().status()).isEqualTo(200);
    }

    @Test
    void theDomainNamesTheOrganizationWhenNothingElseDoes() {
        String domain = "jit-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Person owner = Api.newPerson("jit-owner");
        String orgId = Orgs.create(owner, "By domain");
        owner.request("PUT", "/v1/organizations/sign_in_settings").json("{\"issuer\":\"" + DevTokens.ISSUER + "\",\"email_domains\":[\"" + domain + "\"]}").send();
        // someone who already belongs to another organization (by invite) and has an email of the domain
        Person elsewhere = Api.newPerson("jit-elsewhere");
        String otherOrg = Orgs.create(elsewhere, "Elsewhere");
        String token = DevTokens.forUser(Api.devKey(), elsewhere.subject(), "person@" + domain, "Person");
        Response me = Api.request("GET", "/v1/organizations/me").bearer(token).send();
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("id")).as("two organizations, none named: the domain's").isEqualTo(orgId);
        assertThat(Api.request("GET", "/v1/organizations/me").bearer(token).org(otherOrg).send().json().getString("id")).isEqualTo(otherOrg);
    }

    @Test
    void claimsSetScimGroupsOnlyAndNeverCreateOne() {
        String domain = "jit-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Person owner = Api.newPerson("claims-owner");
        Orgs.create(owner, "Claims");
        owner.request("PUT", "/v1/organizations/sign_in_settings").json("{\"issuer\":\"" + DevTokens.ISSUER + "\",\"email_domains\":[\"" + domain
                + "\"],\"groups_claim\":\"teams\"}").send();
        String scim = owner.request("POST", "/v1/organizations/scim_tokens").json("{}").send().json().getString("secret");
        String idpGroup = Api.request("POST", "/scim/v2/Groups").bearer(scim).json("{\"displayName\":\"Builders\"}").send().json().getString("id");
        String direct = owner.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Handpicked\"}").send().json().getString("id");
        String subject = "claims-" + UUID.randomUUID();
        String token = DevTokens.sign(Api.devKey(), java.util.Map.of("alg", "RS256", "typ", "JWT"), claims(subject, "dev@" + domain,
                java.util.List.of("builders", "Handpicked", "Nobody made this")));
        assertThat(Api.request("GET", "/v1/organizations/me").bearer(token).send().status()).isEqualTo(200);
        assertThat(owner.request("GET", "/v1/organizations/rbac_groups/" + idpGroup + "/members").send().json().getJsonArray("data")).hasSize(1);
        assertThat(owner.request("GET", "/v1/organizations/rbac_groups/" + direct + "/members").send().json().getJsonArray("data"))
                .as("a claim names SCIM groups only").isEmpty();
        JsonArray groups = owner.request("GET", "/v1/organizations/rbac_groups?limit=100").send().json().getJsonArray("data");
        assertThat(groups.toString()).doesNotContain("Nobody made this");
    }

    private static java.util.Map<String, Object> claims(String subject, String email, java.util.List<String> teams) {
        long now = System.currentTimeMillis() / 1000;
        return java.util.Map.of("iss", DevTokens.ISSUER, "aud", DevTokens.AUDIENCE, "sub", subject, "iat", now, "exp", now + 600,
                "email", email, "email_verified", true, "teams", teams);
    }

    private static Response createKey(String token) {
        return Api.request("POST", "/v1/organizations/api_keys").bearer(token).json("{\"name\":\"mine\"}").send();
    }

    // --- Keycloak: the password grant of the tests' client, and its admin API for group membership

    private static boolean keycloakUp() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK_ISSUER + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception down) {
            return false;
        }
    }

    private static String keycloakToken(String username, String password) throws Exception {
        JsonObject token = form(KEYCLOAK_ISSUER + "/protocol/openid-connect/token", "grant_type=password&client_id=access-console-tests&scope=openid&username="
                + enc(username) + "&password=" + enc(password));
        return token.getString("access_token");
    }

    private static String adminToken() throws Exception {
        String master = KEYCLOAK_ISSUER.substring(0, KEYCLOAK_ISSUER.indexOf("/realms/")) + "/realms/master";
        return form(master + "/protocol/openid-connect/token", "grant_type=password&client_id=admin-cli&username=admin&password=admin")
                .getString("access_token");
    }

    private static String adminBase() {
        return KEYCLOAK_ISSUER.replace("/realms/", "/admin/realms/");
    }

    private static String keycloakGroupId(String name) throws Exception {
        return admin("GET", "/groups?search=" + enc(name)).asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(g -> g.getString("name").equals(name)).findFirst().orElseThrow().getString("id");
    }

    private static String keycloakUserId(String username) throws Exception {
        return admin("GET", "/users?exact=true&username=" + enc(username)).asJsonArray().getJsonObject(0).getString("id");
    }

    private static void addToKeycloakGroup(String user, String group) throws Exception {
        admin("PUT", "/users/" + user + "/groups/" + group);
    }

    private static void removeFromKeycloakGroup(String user, String group) throws Exception {
        admin("DELETE", "/users/" + user + "/groups/" + group);
    }

    private static jakarta.json.JsonValue admin(String method, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(adminBase() + path)).header("Authorization", "Bearer " + adminToken())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        if (response.body() == null || response.body().isBlank()) {
            return jakarta.json.JsonValue.NULL;
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readValue();
        }
    }

    private static JsonObject form(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
