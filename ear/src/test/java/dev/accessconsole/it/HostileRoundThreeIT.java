package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The red team's third round (issue 23), each finding as it was found, from outside: malformed {@code Accept} and
 * wildcard {@code Content-Type} headers, {@code admin} service accounts (an Admin API key archiving one, explicit
 * workspace roles given to one), service-account keys left {@code active} after their account lost the workspace,
 * emails trimmed into another person's, the development sign-in's Unicode lower-casing, tokens naming nobody or
 * carrying a non-string email, prompts of archived workspaces, {@code /health/cluster} and {@code /openapi}'s headers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileRoundThreeIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private final String gateway = Api.platformToken("gateway");
    private Person admin;
    private String orgId;

    @BeforeEach
    void organization() {
        admin = Api.newPerson("round3-admin");
        orgId = Orgs.create(admin, "Round three");
    }

    @Test
    void whenTheAcceptHeaderIsMalformedThenA400InTheErrorShapeNeverA500() {
        for (String accept : List.of("*/*;q=abc", "application/json;q=", "*/*;q=1.0.0", "application/json;q=2", "application/json;q=-1",
                "/", "application/", "json", "*/json", "application/json;;q=0.5;=", "text/html, application/json;q=x")) {
            for (boolean signedIn : new boolean[]{false, true}) {
                Api.Request request = Api.request("GET", "/v1/organizations/me").header("Accept", accept);
                Response answer = (signedIn ? request.bearer(admin.token()) : request).send();
                assertThat(answer.status()).as(accept + " " + answer).isEqualTo(400);
                assertThat(answer.errorType()).as(accept).isEqualTo("invalid_request_error");
                assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
            }
        }
        // well-formed ones still work, and one no representation matches is a 406
        for (String accept : List.of("*/*;q=0.5", "application/json;q=1.000", "application/*", "text/html;q=0.1, application/json", "*/*")) {
            Response fine = admin.request("GET", "/v1/organizations/me").header("Accept", accept).send();
            assertThat(fine.status()).as(accept + " " + fine).isEqualTo(200);
        }
        Response html = admin.request("GET", "/v1/organizations/me").header("Accept", "text/html").send();
        assertThat(html.status()).as(html.toString()).isEqualTo(406);
    }

    @Test
    void whenTheContentTypeIsAWildcardThenA415AndNothingIsCreated() {
        for (String type : List.of("*/*", "application/*", "*/*; charset=utf-8")) {
            Response created = admin.request("POST", "/v1/organizations").header("content-type", type).json("{\"name\":\"ct\"}")
                    .header("content-type", type).send();
            assertThat(created.status()).as(type + " " + created).isEqualTo(415);
            assertThat(created.errorType()).isEqualTo("invalid_request_error");
        }
        for (String type : List.of("application/json/x", "app lication/json", ";", "application/json; charset")) {
            Response created = admin.request("POST", "/v1/organizations").json("{\"name\":\"ct\"}").header("content-type", type).send();
            assertThat(created.status()).as(type + " " + created).isIn(400, 415);
        }
        Response text = admin.request("POST", "/v1/organizations").json("{\"name\":\"ct\"}").header("content-type", "text/plain").send();
        assertThat(text.status()).as(text.toString()).isEqualTo(415);
        var organizations = admin.request("GET", "/v1/me").send().json().getJsonArray("organizations");
        assertThat(organizations.toString()).doesNotContain("\"ct\"").doesNotContain("{\\\"name\\\"");
        assertThat(organizations).hasSize(1);
    }

    @Test
    void whenAnAdminApiKeyArchivesAnAdminServiceAccountThenItIsRefusedAsForAnAdminPerson() {
        String adminKey = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"automation\"}").send().json().getString("secret");
        String botAdmin = serviceAccount("{\"name\":\"root bot\",\"organization_role\":\"admin\"}");
        String botDeveloper = serviceAccount("{\"name\":\"dev bot\",\"organization_role\":\"developer\"}");
        Response refused = Api.request("POST", "/v1/organizations/service_accounts/" + botAdmin + "/archive").header("x-api-key", adminKey).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        JsonObject still = admin.request("GET", "/v1/organizations/service_accounts/" + botAdmin).send().json();
        assertThat(still.isNull("archived_at")).as(still.toString()).isTrue();
        // nor demote it, but a developer account it may archive
        assertThat(Api.request("POST", "/v1/organizations/service_accounts/" + botAdmin).header("x-api-key", adminKey)
                .json("{\"organization_role\":\"developer\"}").send().status()).isEqualTo(403);
        Response archived = Api.request("POST", "/v1/organizations/service_accounts/" + botDeveloper + "/archive").header("x-api-key", adminKey).send();
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        // a signed-in admin may archive the admin one
        assertThat(admin.request("POST", "/v1/organizations/service_accounts/" + botAdmin + "/archive").send().status()).isEqualTo(200);
    }

    @Test
    void whenAnAdminServiceAccountIsGivenAnExplicitWorkspaceRoleThenImpliedMembershipFromEveryPath() {
        String workspace = workspace("Deploys");
        Person lead = Orgs.join(orgId, admin, "user", "lead");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members")
                .json("{\"user_id\":\"" + lead.userId() + "\",\"workspace_role\":\"workspace_admin\"}").send().status()).isEqualTo(200);
        // a developer account with an explicit role, which it keeps through a promotion and a demotion
        String bot = serviceAccount("{\"name\":\"bot\",\"organization_role\":\"developer\"}");
        assertThat(lead.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts")
                .json("{\"service_account_id\":\"" + bot + "\",\"workspace_role\":\"workspace_developer\"}").send().status()).isEqualTo(200);
        assertThat(admin.request("POST", "/v1/organizations/service_accounts/" + bot).json("{\"organization_role\":\"admin\"}").send().status())
                .isEqualTo(200);
        String root = serviceAccount("{\"name\":\"root\",\"organization_role\":\"admin\"}");
        for (Person who : List.of(lead, admin)) {
            for (String account : List.of(bot, root)) {
                Response add = who.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts")
                        .json("{\"service_account_id\":\"" + account + "\",\"workspace_role\":\"workspace_user\"}").send();
                Response addFromAccount = who.request("POST", "/v1/organizations/service_accounts/" + account + "/workspaces")
                        .json("{\"workspace_id\":\"" + workspace + "\",\"workspace_role\":\"workspace_user\"}").send();
                Response change = who.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts/" + account)
                        .json("{\"workspace_role\":\"workspace_user\"}").send();
                Response remove = who.request("DELETE", "/v1/organizations/workspaces/" + workspace + "/service_accounts/" + account).send();
                for (Response refused : List.of(add, addFromAccount, change, remove)) {
                    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
                    assertThat(refused.errorCode()).as(refused.toString()).isEqualTo("implied_membership");
                }
            }
        }
        // demoted, it holds exactly the explicit role it had before it became admin
        assertThat(admin.request("POST", "/v1/organizations/service_accounts/" + bot).json("{\"organization_role\":\"developer\"}").send().status())
                .isEqualTo(200);
        JsonObject membership = admin.request("GET", "/v1/organizations/workspaces/" + workspace + "/service_accounts/" + bot).send().json();
        assertThat(membership.getString("workspace_role")).as(membership.toString()).isEqualTo("workspace_developer");
        Response rootThere = admin.request("GET", "/v1/organizations/service_accounts/" + root + "/workspaces").send();
        assertThat(rootThere.json().toString()).doesNotContain("workspace_user\",\"workspace_id\":\"" + workspace);
    }

    @Test
    void whenAServiceAccountCanNoLongerUseAWorkspaceThenItsKeysThereAreArchivedForGood() {
        String workspace = workspace("Bots");
        String bot = serviceAccount("{\"name\":\"bot\",\"organization_role\":\"developer\"}");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts")
                .json("{\"service_account_id\":\"" + bot + "\",\"workspace_role\":\"workspace_developer\"}").send().status()).isEqualTo(200);
        JsonObject key = key(bot, workspace);
        assertThat(verify(key)).isEqualTo(200);
        // leaving the workspace archives the key, in the answer, the list and the audit log; coming back does not revive it
        Response left = admin.request("DELETE", "/v1/organizations/workspaces/" + workspace + "/service_accounts/" + bot).send();
        assertThat(left.status()).as(left.toString()).isEqualTo(200);
        assertThat(left.json().getJsonArray("api_keys_archived").toString()).contains(key.getString("id"));
        assertThat(status(key)).isEqualTo("archived");
        assertThat(verify(key)).isEqualTo(401);
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts")
                .json("{\"service_account_id\":\"" + bot + "\",\"workspace_role\":\"workspace_developer\"}").send().status()).isEqualTo(200);
        assertThat(status(key)).isEqualTo("archived");
        assertThat(verify(key)).isEqualTo(401);
        assertThat(admin.request("GET", "/v1/organizations/audit_events?action=service_account_workspace.remove").send().body())
                .contains(key.getString("id"));

        // an admin account demoted loses the workspaces it held by implication: its keys there are archived with the change
        String root = serviceAccount("{\"name\":\"root\",\"organization_role\":\"admin\"}");
        JsonObject rootKey = key(root, workspace);
        JsonObject rootDefaultKey = key(root, null);
        assertThat(verify(rootKey)).isEqualTo(200);
        Response demoted = admin.request("POST", "/v1/organizations/service_accounts/" + root).json("{\"organization_role\":\"developer\"}").send();
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        assertThat(demoted.json().getJsonArray("api_keys_archived").toString()).contains(rootKey.getString("id"))
                .doesNotContain(rootDefaultKey.getString("id"));
        assertThat(status(rootKey)).isEqualTo("archived");
        assertThat(status(rootDefaultKey)).isEqualTo("active");
        assertThat(verify(rootDefaultKey)).isEqualTo(200);
        // promoted again, the archived key stays archived
        assertThat(admin.request("POST", "/v1/organizations/service_accounts/" + root).json("{\"organization_role\":\"admin\"}").send().status()).isEqualTo(200);
        assertThat(status(rootKey)).isEqualTo("archived");
        assertThat(verify(rootKey)).isEqualTo(401);
    }

    @Test
    void whenTheTokenEmailDiffersOnlyByWhitespaceOrControlCharactersThenItIsAnotherAddress() {
        String local = "kim-" + UUID.randomUUID().toString().substring(0, 8);
        String email = local + "@example.com";
        String invite = admin.request("POST", "/v1/organizations/invites").json("{\"email\":\"" + email + "\",\"role\":\"admin\"}")
                .send().json().getString("id");
        int i = 0;
        for (String spelled : List.of(" " + email, email + " ", email + "\n", "\u0001" + email, email + "\u0000", "\t" + email, email + "\u200B")) {
            String token = DevTokens.forPersonClaims(Api.devKey(), "spelled-" + (i++) + "-" + local, spelled, true, "Not Kim");
            Response taken = Api.request("POST", "/v1/invites/" + invite + "/accept").bearer(token).send();
            assertThat(taken.status()).as(escape(spelled) + " " + taken).isIn(403, 404);
        }
        // as input an address with whitespace is no address
        for (String spelled : List.of(" " + email, email + "\\n", "\\u0001" + email)) {
            Response invited = admin.request("POST", "/v1/organizations/invites").json("{\"email\":\"" + spelled + "\",\"role\":\"user\"}").send();
            assertThat(invited.status()).as(spelled + " " + invited).isEqualTo(400);
        }
        Response kim = Api.request("POST", "/v1/invites/" + invite + "/accept")
                .bearer(DevTokens.forPersonClaims(Api.devKey(), "kim-" + local, email, true, "Kim")).send();
        assertThat(kim.status()).as(kim.toString()).isEqualTo(200);
    }

    @Test
    void whenATokenNamesNobodyOrItsEmailIsNoStringThenItIsNoIdentityAndNoEmail() {
        for (String sub : List.of("", " ", "\t")) {
            Map<String, Object> claims = DevTokens.personClaims(sub, "nobody@example.com");
            Response me = Api.request("GET", "/v1/me").bearer(DevTokens.sign(Api.devKey(), Map.of("alg", "RS256", "typ", "JWT"), claims)).send();
            assertThat(me.status()).as("sub '" + sub + "' " + me).isEqualTo(401);
            assertThat(me.errorType()).isEqualTo("authentication_error");
        }
        String local = "nonstring-" + UUID.randomUUID().toString().substring(0, 8);
        String email = local + "@example.com";
        String invite = admin.request("POST", "/v1/organizations/invites").json("{\"email\":\"" + email + "\",\"role\":\"admin\"}")
                .send().json().getString("id");
        int i = 0;
        for (Object notText : List.of(List.of(email), Map.of("value", email), 42, true)) {
            Map<String, Object> claims = DevTokens.personClaims("nonstring-" + (i++) + "-" + local, "x");
            claims.put("email", notText);
            String token = DevTokens.sign(Api.devKey(), Map.of("alg", "RS256", "typ", "JWT"), claims);
            Response me = Api.request("GET", "/v1/me").bearer(token).send();
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.json().get("email") == null || me.json().isNull("email")).as(me.toString()).isTrue();
            Response taken = Api.request("POST", "/v1/invites/" + invite + "/accept").bearer(token).send();
            assertThat(taken.status()).as(notText + " " + taken).isIn(403, 404);
        }
    }

    @Test
    void whenTheDevelopmentSignInIsGivenAUnicodeCaseSpellingThenItIsAnotherPerson() {
        String local = "kim" + UUID.randomUUID().toString().substring(0, 8);
        String ascii = signIn(local + "@example.com");
        String kelvin = signIn("\u212A" + local.substring(1) + "@example.com");
        String upper = signIn(local.toUpperCase() + "@EXAMPLE.COM");
        String asciiId = Api.request("GET", "/v1/me").bearer(ascii).send().json().getString("id");
        String kelvinId = Api.request("GET", "/v1/me").bearer(kelvin).send().json().getString("id");
        String upperId = Api.request("GET", "/v1/me").bearer(upper).send().json().getString("id");
        assertThat(kelvinId).isNotEqualTo(asciiId);
        assertThat(upperId).isEqualTo(asciiId);
        for (String spelled : List.of(" " + local + "@example.com", local + "@example.com\\n", "\\u0001" + local + "@example.com")) {
            Response refused = Api.request("POST", "/console/dev-sign-in").json("{\"email\":\"" + spelled + "\"}").send();
            assertThat(refused.status()).as(spelled + " " + refused).isEqualTo(400);
        }
    }

    @Test
    void whenAWorkspaceIsArchivedThenItsPromptsCanNeitherChangeNorGo() {
        String workspace = workspace("Prompts");
        String prompt = admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/prompts")
                .json("{\"name\":\"greeting\",\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")
                .send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/archive").send().status()).isEqualTo(200);
        Response update = admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/prompts/" + prompt).json("{\"name\":\"changed\"}").send();
        Response delete = admin.request("DELETE", "/v1/organizations/workspaces/" + workspace + "/prompts/" + prompt).send();
        for (Response refused : List.of(update, delete)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("workspace_archived");
        }
        JsonObject kept = admin.request("GET", "/v1/organizations/workspaces/" + workspace + "/prompts/" + prompt).send().json();
        assertThat(kept.getString("name")).isEqualTo("greeting");
    }

    @Test
    void whenAnOutsiderAsksHealthOrOpenApiThenNothingAboutTheClusterAndNoCredentialedCors() {
        for (String path : List.of("/health/cluster", "/health/ready", "/health/live", "/health")) {
            Response health = Api.request("GET", path).send();
            assertThat(health.status()).as(path + " " + health).isIn(200, 404);
            assertThat(health.body()).as(path).doesNotContain("node").doesNotContain("members").doesNotContain("cluster");
        }
        for (String path : List.of("/openapi", "/openapi?format=JSON")) {
            Response spec = Api.request("GET", path).header("Origin", "https://attacker.example").send();
            assertThat(spec.status()).isEqualTo(200);
            String origin = spec.header("Access-Control-Allow-Origin");
            String credentials = spec.header("Access-Control-Allow-Credentials");
            assertThat(origin == null || (!"*".equals(origin) && !"https://attacker.example".equals(origin)) || !"true".equals(credentials))
                    .as(path + " ACAO " + origin + " ACAC " + credentials).isTrue();
            assertThat(credentials).as(path).isNotEqualTo("true");
            assertThat(spec.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(spec.header("Content-Security-Policy")).as(path).contains("default-src 'none'");
        }
    }

    private String serviceAccount(String body) {
        Response created = admin.request("POST", "/v1/organizations/service_accounts").json(body).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    private String workspace(String name) {
        Response created = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"" + name + "\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    private JsonObject key(String serviceAccount, String workspace) {
        Response created = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"bot key\","
                + (workspace == null ? "" : "\"workspace_id\":\"" + workspace + "\",") + "\"service_account_id\":\"" + serviceAccount + "\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    private int verify(JsonObject key) {
        return Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + key.getString("secret") + "\"}").send().status();
    }

    private String status(JsonObject key) {
        return admin.request("GET", "/v1/organizations/api_keys/" + key.getString("id")).send().json().getString("status");
    }

    private static String signIn(String email) {
        Response minted = Api.request("POST", "/console/dev-sign-in").json("{\"email\":\"" + email + "\"}").send();
        assertThat(minted.status()).as(email + " " + minted).isEqualTo(200);
        return minted.json().getString("access_token");
    }

    private static String escape(String text) {
        List<String> out = new ArrayList<>();
        text.codePoints().forEach(c -> out.add(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c)));
        return String.join("", out);
    }
}
