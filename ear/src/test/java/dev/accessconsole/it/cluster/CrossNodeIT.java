package dev.accessconsole.it.cluster;

import dev.accessconsole.it.Api;
import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import dev.accessconsole.it.Orgs;
import dev.accessconsole.it.Together;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.accessconsole.it.cluster.Cluster.NODE_A;
import static dev.accessconsole.it.cluster.Cluster.NODE_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL: what one node is told, the other enforces on the very next request (each node warmed
 * first, so a stale cached standing would show); one credential's rate limit is the cluster's, not each node's; and the
 * invariants hold with the two nodes racing each other.
 */
class CrossNodeIT {

    private static final int TRIES = 5;
    private Person admin;
    private String orgId;

    @BeforeEach
    void organization() {
        admin = Api.newPerson("cluster-admin");
        orgId = Orgs.create(admin, "Cluster");
    }

    private static Response on(URI node, Person person, String method, String path) {
        return person.request(method, path).at(node).send();
    }

    private static void warm(URI node, Person person, String path) {
        for (int i = 0; i < 5; i++) {
            assertThat(on(node, person, "GET", path).status()).isEqualTo(200);
        }
    }

    @Test
    void whenEachNodeIsAskedThenBothAreMembersOfATwoNodeClusterAndTheBalancerAnswers() {
        assertThat(Cluster.members(NODE_A)).isEqualTo(2);
        assertThat(Cluster.members(NODE_B)).isEqualTo(2);
        assertThat(admin.request("GET", "/v1/organizations/me").at(Cluster.BALANCER).send().status()).isEqualTo(200);
    }

    @Test
    void whenARoleChangesOnAThenBDecidesTheVeryNextRequestWithTheNewRole() {
        Person member = Orgs.join(orgId, admin, "admin", "cross-role");
        String userId = member.userId();
        for (int attempt = 0; attempt < TRIES; attempt++) {
            warm(NODE_B, member, "/v1/organizations/users");
            assertThat(admin.request("POST", "/v1/organizations/users/" + userId).at(NODE_A).json("{\"role\":\"developer\"}").send().status()).isEqualTo(200);
            assertThat(on(NODE_B, member, "GET", "/v1/organizations/users").status()).as("attempt %d", attempt).isEqualTo(403);
            assertThat(admin.request("POST", "/v1/organizations/users/" + userId).at(NODE_A).json("{\"role\":\"admin\"}").send().status()).isEqualTo(200);
            assertThat(on(NODE_B, member, "GET", "/v1/organizations/users").status()).as("attempt %d", attempt).isEqualTo(200);
        }
    }

    @Test
    void whenAMemberIsRemovedOnAThenBRefusesTheVeryNextRequest() {
        Person member = Orgs.join(orgId, admin, "developer", "cross-removed");
        warm(NODE_B, member, "/v1/organizations/me");
        assertThat(admin.request("DELETE", "/v1/organizations/users/" + member.userId()).at(NODE_A).send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/me").org(orgId).at(NODE_B).send().status()).isEqualTo(404);
    }

    @Test
    void whenScimDeactivatesSomeoneOnAThenBRefusesThemTheVeryNextRequest() {
        String scim = admin.request("POST", "/v1/organizations/scim_tokens").at(NODE_A).json("{}").send().json().getString("secret");
        Person member = Orgs.join(orgId, admin, "developer", "cross-scim");
        String userId = member.userId();
        for (int attempt = 0; attempt < TRIES; attempt++) {
            warm(NODE_B, member, "/v1/organizations/me");
            Response off = Api.request("PATCH", "/scim/v2/Users/" + userId).at(NODE_A).bearer(scim).json(
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}").send();
            assertThat(off.status()).as(off.toString()).isEqualTo(200);
            assertThat(member.request("GET", "/v1/organizations/me").org(orgId).at(NODE_B).send().status()).as("attempt %d", attempt).isIn(403, 404);
            Response on = Api.request("PATCH", "/scim/v2/Users/" + userId).at(NODE_A).bearer(scim).json(
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}").send();
            assertThat(on.status()).as(on.toString()).isEqualTo(200);
            // the deactivation ended the person's sessions: a token of a later second
            sleep(1100);
            member = new Person(member.subject(), member.email(), dev.accessconsole.it.DevTokens.forUser(Api.devKey(), member.subject(), member.email(), "again"));
        }
    }

    @Test
    void whenAGroupsRolesOrMembersChangeOnAThenBDecidesWithTheChange() {
        Person member = Orgs.join(orgId, admin, "user", "cross-group");
        String userId = member.userId();
        String group = admin.request("POST", "/v1/organizations/rbac_groups").at(NODE_A)
                .json("{\"name\":\"Cross\",\"role_ids\":[\"role_admin\"]}").send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").at(NODE_A)
                .json("{\"user_id\":\"" + userId + "\"}").send().status()).isEqualTo(200);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            warm(NODE_B, member, "/v1/organizations/users");
            assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + group).at(NODE_A).json("{\"role_ids\":[\"role_developer\"]}").send().status())
                    .isEqualTo(200);
            assertThat(on(NODE_B, member, "GET", "/v1/organizations/users").status()).as("roles, attempt %d", attempt).isEqualTo(403);
            assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + group).at(NODE_A).json("{\"role_ids\":[\"role_admin\"]}").send().status())
                    .isEqualTo(200);
            warm(NODE_B, member, "/v1/organizations/users");
            assertThat(admin.request("DELETE", "/v1/organizations/rbac_groups/" + group + "/members/" + userId).at(NODE_A).send().status()).isEqualTo(200);
            assertThat(on(NODE_B, member, "GET", "/v1/organizations/users").status()).as("members, attempt %d", attempt).isEqualTo(403);
            assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").at(NODE_A)
                    .json("{\"user_id\":\"" + userId + "\"}").send().status()).isEqualTo(200);
        }
    }

    @Test
    void whenACustomRolesPermissionsChangeOnAThenBDecidesWithTheChange() {
        Person member = Orgs.join(orgId, admin, "user", "cross-auditor");
        String role = admin.request("POST", "/v1/organizations/rbac_roles").at(NODE_A)
                .json("{\"display_name\":\"Cross auditor\",\"permissions\":[\"audit:read\",\"usage:read\"]}").send().json().getString("id");
        String group = admin.request("POST", "/v1/organizations/rbac_groups").at(NODE_A)
                .json("{\"name\":\"Cross auditors\",\"role_ids\":[\"" + role + "\"]}").send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").at(NODE_A)
                .json("{\"user_id\":\"" + member.userId() + "\"}").send().status()).isEqualTo(200);
        String usage = "/v1/organizations/usage_report/messages?starting_at=2026-01-01T00:00:00Z";
        for (int attempt = 0; attempt < TRIES; attempt++) {
            warm(NODE_B, member, usage);
            assertThat(admin.request("POST", "/v1/organizations/rbac_roles/" + role).at(NODE_A)
                    .json("{\"permissions\":[\"audit:read\"]}").send().status()).isEqualTo(200);
            assertThat(on(NODE_B, member, "GET", usage).status()).as("usage:read taken, attempt %d", attempt).isEqualTo(403);
            assertThat(on(NODE_B, member, "GET", "/v1/organizations/audit_events").status()).isEqualTo(200);
            assertThat(admin.request("POST", "/v1/organizations/rbac_roles/" + role).at(NODE_A)
                    .json("{\"permissions\":[\"audit:read\",\"usage:read\"]}").send().status()).isEqualTo(200);
            assertThat(on(NODE_B, member, "GET", usage).status()).as("usage:read given back, attempt %d", attempt).isEqualTo(200);
        }
    }

    @Test
    void whenASpendLimitIsReachedOrRaisedOnAThenBsGatewayAnswersWithIt() {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").at(NODE_A).json("{\"name\":\"Cross metered\"}").send().json().getString("id");
        JsonObject key = admin.request("POST", "/v1/organizations/api_keys").at(NODE_A)
                .json("{\"name\":\"metered\",\"workspace_id\":\"" + workspace + "\"}").send().json();
        String gateway = Api.platformToken("gateway");
        String verify = "{\"key\":\"" + key.getString("secret") + "\"}";
        for (int attempt = 0; attempt < TRIES; attempt++) {
            assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).at(NODE_B).json(verify).send().status()).isEqualTo(200);
            // $0.30 spent; a $0.30 daily cap set on A refuses the key on B at once
            Response recorded = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).at(NODE_A).json("{\"event_id\":\"cross-" + UUID.randomUUID()
                    + "\",\"api_key_id\":\"" + key.getString("id") + "\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":0,\"output_tokens\":20000}").send();
            assertThat(recorded.status()).isEqualTo(200);
            String cap = java.math.BigDecimal.valueOf(30L * (attempt + 1), 2).toPlainString(); // what has been spent today
            assertThat(admin.request("POST", "/v1/organizations/spend_limits").at(NODE_A).json("{\"amount\":\"" + cap
                    + "\",\"period\":\"daily\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + workspace + "\"}}").send().status()).isEqualTo(200);
            assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).at(NODE_B).json(verify).send().status())
                    .as("capped on A, attempt %d", attempt).isEqualTo(429);
            // raised on B: A lets it through at once
            assertThat(admin.request("POST", "/v1/organizations/spend_limits").at(NODE_B).json("{\"amount\":\"5.00\",\"period\":\"daily\","
                    + "\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + workspace + "\"}}").send().status()).isEqualTo(200);
            assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).at(NODE_A).json(verify).send().status())
                    .as("raised on B, attempt %d", attempt).isEqualTo(200);
        }
    }

    @Test
    void whenAFederationRuleIsArchivedOnAThenBRefusesItsExchangedTokensAtOnce() throws Exception {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").at(NODE_A).json("{\"name\":\"Cross federated\"}").send().json().getString("id");
        String account = admin.request("POST", "/v1/organizations/service_accounts").at(NODE_A).json("{\"name\":\"cross-ci\"}").send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts").at(NODE_A)
                .json("{\"service_account_id\":\"" + account + "\",\"workspace_role\":\"workspace_developer\"}").send().status()).isEqualTo(200);
        var key = dev.accessconsole.it.FederationIT.rsa();
        String issuerUrl = "https://ci.example/" + UUID.randomUUID();
        String issuer = admin.request("POST", "/v1/organizations/federation_issuers").at(NODE_A).json("{\"name\":\"Cross CI\",\"issuer_url\":\""
                + issuerUrl + "\",\"jwks\":{\"type\":\"inline\",\"keys\":[" + dev.accessconsole.it.FederationIT.jwk(key, "k1") + "]}}").send().json().getString("id");
        String gateway = Api.platformToken("gateway");
        for (int attempt = 0; attempt < TRIES; attempt++) {
            String rule = admin.request("POST", "/v1/organizations/federation_rules").at(NODE_A).json("{\"issuer_id\":\"" + issuer + "\",\"name\":\"cross "
                    + attempt + "\",\"oauth_scope\":\"x\",\"workspace_id\":\"" + workspace + "\",\"target\":{\"type\":\"service_account\","
                    + "\"service_account_id\":\"" + account + "\"},\"match\":{\"audience\":\"access-console\"}}").send().json().getString("id");
            var exchanged = dev.accessconsole.it.FederationIT.exchange(dev.accessconsole.it.FederationIT.sign(key, "k1",
                    dev.accessconsole.it.FederationIT.claims(issuerUrl, System.currentTimeMillis() / 1000)), NODE_A);
            assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
            String verify = "{\"key\":\"" + Api.parse(exchanged.body()).getString("access_token") + "\",\"workspace_id\":\"" + workspace + "\"}";
            assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).at(NODE_B).json(verify).send().status()).isEqualTo(200);
            assertThat(admin.request("POST", "/v1/organizations/federation_rules/" + rule + "/archive").at(NODE_A).send().status()).isEqualTo(200);
            assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).at(NODE_B).json(verify).send().status())
                    .as("the rule archived on A, attempt %d", attempt).isEqualTo(401);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void whenAWorkspaceRoleChangesOnAThenBFollowsItOnTheVeryNextRequest() {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").at(NODE_A).json("{\"name\":\"Cross\"}").send().json().getString("id");
        Person member = Orgs.join(orgId, admin, "user", "cross-ws");
        String path = "/v1/organizations/workspaces/" + workspace + "/members/" + member.userId();
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members").at(NODE_A)
                .json("{\"user_id\":\"" + member.userId() + "\",\"workspace_role\":\"workspace_admin\"}").send().status()).isEqualTo(200);
        warm(NODE_B, member, "/v1/organizations/workspaces/" + workspace + "/limits");
        assertThat(admin.request("POST", path).at(NODE_A).json("{\"workspace_role\":\"workspace_user\"}").send().status()).isEqualTo(200);
        assertThat(on(NODE_B, member, "GET", "/v1/organizations/workspaces/" + workspace + "/limits").status()).isEqualTo(403);
    }

    @Test
    void whenAKeyIsArchivedOnAThenBsGatewayVerifyRefusesItOnTheVeryNextRequest() {
        String gateway = Api.platformToken("gateway");
        for (int attempt = 0; attempt < TRIES; attempt++) {
            var key = admin.request("POST", "/v1/organizations/api_keys").at(NODE_A).json("{\"name\":\"k" + attempt + "\"}").send().json();
            String verify = "{\"key\":\"" + key.getString("secret") + "\"}";
            for (int i = 0; i < 5; i++) {
                assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").at(NODE_B).bearer(gateway).json(verify).send().status()).isEqualTo(200);
            }
            assertThat(admin.request("POST", "/v1/organizations/api_keys/" + key.getString("id")).at(NODE_A)
                    .json("{\"status\":\"archived\"}").send().status()).isEqualTo(200);
            assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").at(NODE_B).bearer(gateway).json(verify).send().status())
                    .as("attempt %d", attempt).isEqualTo(401);
        }
    }

    @Test
    void whenAnAdminApiKeyIsRevokedOnAThenBRefusesItOnTheVeryNextRequest() {
        var created = admin.request("POST", "/v1/organizations/admin_keys").at(NODE_A).json("{\"name\":\"cross\"}").send().json();
        String secret = created.getString("secret");
        for (int i = 0; i < 5; i++) {
            assertThat(Api.request("GET", "/v1/organizations/users").at(NODE_B).header("x-api-key", secret).send().status()).isEqualTo(200);
        }
        assertThat(admin.request("POST", "/v1/organizations/admin_keys/" + created.getString("id")).at(NODE_A).send().status()).isEqualTo(200);
        assertThat(Api.request("GET", "/v1/organizations/users").at(NODE_B).header("x-api-key", secret).send().status()).isEqualTo(401);
    }

    /** The cluster is started with a per-credential limit; requests alternating between the nodes reach it together. */
    @Test
    void whenOneCredentialAlternatesBetweenTheNodesThenItIsLimitedAtTheClusterWideValue() {
        int limit = Integer.getInteger("it.cluster.rate.limit", 600);
        Person caller = Api.newPerson("cluster-limited");
        long started = System.nanoTime();
        int allowed = 0;
        int[] perNode = new int[2];
        Response refused = null;
        for (int i = 0; i < 2 * limit; i++) {
            Response response = on(i % 2 == 0 ? NODE_A : NODE_B, caller, "GET", "/v1/roles");
            if (response.status() == 429) {
                refused = response;
                break;
            }
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            allowed++;
            perNode[i % 2]++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // the bucket refills at limit/60 a second while the test runs; per node it would have allowed 2 x limit
        int refilled = (int) Math.ceil(seconds * limit / 60.0);
        assertThat(allowed).as("allowed in %.1f s", seconds).isBetween(limit, limit + refilled + 1);
        assertThat(Math.abs(perNode[0] - perNode[1])).as("half on each node").isLessThanOrEqualTo(1);
        assertThat(refused).isNotNull();
        assertThat(refused.header("retry-after")).isNotNull();
    }

    @Test
    void whenTwoAdminsOnDifferentNodesDemoteEachOtherAtOnceThenOneAdminRemains() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            Person first = Api.newPerson("first");
            String race = Orgs.create(first, "Race " + attempt);
            Person second = Orgs.join(race, first, "admin", "second");
            String firstId = first.userId();
            String secondId = second.userId();
            List<Response> outcomes = Together.run(List.of(
                    () -> demote(NODE_A, first, race, secondId),
                    () -> demote(NODE_B, second, race, firstId)));
            for (Response outcome : outcomes) {
                assertThat(outcome.status()).as(outcome.toString()).isIn(200, 400, 403);
            }
            assertThat(outcomes.stream().filter(o -> o.status() == 200)).as("demotions that succeeded").hasSizeLessThanOrEqualTo(1);
            Person survivor = outcomes.get(0).status() == 200 ? first : second;
            Response admins = survivor.request("GET", "/v1/organizations/users?roles[]=admin").org(race).send();
            assertThat(admins.status()).isEqualTo(200);
            assertThat(admins.json().getJsonArray("data")).as("admins after attempt %d", attempt).isNotEmpty();
        }
    }

    private static Response demote(URI node, Person actor, String orgId, String targetId) {
        return actor.request("POST", "/v1/organizations/users/" + targetId).org(orgId).at(node).json("{\"role\":\"user\"}").send();
    }

    @Test
    void whenBothNodesInviteTheSameEmailAtOnceThenOneInviteIsPending() throws Exception {
        for (int attempt = 0; attempt < 8; attempt++) {
            String invite = "{\"email\":\"twice-" + attempt + "-" + System.nanoTime() + "@example.com\",\"role\":\"developer\"}";
            List<Response> both = Together.run(List.of(
                    () -> admin.request("POST", "/v1/organizations/invites").at(NODE_A).json(invite).send(),
                    () -> admin.request("POST", "/v1/organizations/invites").at(NODE_B).json(invite).send()));
            for (Response outcome : both) {
                assertThat(outcome.status()).as(outcome.toString()).isIn(200, 400);
            }
            assertThat(both.stream().filter(o -> o.status() == 200)).hasSize(1);
        }
    }

    @Test
    void whenBothNodesCreateWorkspacesPastTheCapThenAtMostOneHundredExist() throws Exception {
        Response listed = admin.request("GET", "/v1/organizations/workspaces?limit=1000").send();
        int existing = listed.json().getJsonArray("data").size();
        for (int i = existing; i < 96; i++) {
            assertThat(admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"W" + i + "\"}").send().status()).isEqualTo(200);
        }
        List<Supplier<Response>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            URI node = i % 2 == 0 ? NODE_A : NODE_B;
            String name = "Race" + i;
            creates.add(() -> admin.request("POST", "/v1/organizations/workspaces").at(node).json("{\"name\":\"" + name + "\"}").send());
        }
        List<Response> outcomes = Together.run(creates);
        for (Response create : outcomes) {
            assertThat(create.status()).as(create.toString()).isIn(200, 400);
        }
        assertThat(outcomes.stream().filter(c -> c.status() == 200)).hasSize(4);
        Response after = admin.request("GET", "/v1/organizations/workspaces?limit=1000").send();
        assertThat(after.json().getJsonArray("data")).hasSize(100);
    }

    /** Both nodes started on one empty database; each migration ran once and succeeded. */
    @Test
    void whenTwoNodesStartOnOneDatabaseThenEachMigrationRanOnce() throws Exception {
        String url = System.getProperty("cluster.db.url");
        try (Connection connection = DriverManager.getConnection(url, System.getProperty("cluster.db.user"), System.getProperty("cluster.db.password"));
             ResultSet rows = connection.createStatement().executeQuery(
                     "select version, count(*), bool_and(success) from flyway_schema_history where version is not null group by version")) {
            int versions = 0;
            while (rows.next()) {
                versions++;
                assertThat(rows.getInt(2)).as("runs of migration %s", rows.getString(1)).isEqualTo(1);
                assertThat(rows.getBoolean(3)).isTrue();
            }
            assertThat(versions).isGreaterThanOrEqualTo(5);
        }
    }
}
