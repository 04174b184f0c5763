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

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * roles.md's invariants with groups: the organization always has someone holding admin, through every new path (a group's
 * members, its roles, its deletion, SCIM deactivation and deletion), racing too; an Admin API key never touches anything
 * that grants admin; losing the last role that opens Claude Code ends Claude Code access; losing admin through a group
 * revokes the Admin API keys one created.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GroupRulesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    /** An organization whose only admin holds admin through a group (the creator was demoted), and that group. */
    private record AdminThroughGroup(String orgId, Person admin, String adminId, String group, Person creator) {
    }

    private AdminThroughGroup adminThroughGroupOnly(String label) {
        Person creator = Api.newPerson(label + "-creator");
        String orgId = Orgs.create(creator, label);
        Person admin = Orgs.join(orgId, creator, "user", label + "-admin");
        String adminId = admin.userId();
        String group = created(creator.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Admins\",\"role_ids\":[\"role_admin\"]}").send());
        assertThat(creator.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").json("{\"user_id\":\"" + adminId + "\"}").send().status())
                .isEqualTo(200);
        // the admin through the group demotes the creator: now nobody holds admin but through the group
        Response demoted = admin.request("POST", "/v1/organizations/users/" + creator.userId()).json("{\"role\":\"user\"}").send();
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        return new AdminThroughGroup(orgId, admin, adminId, group, creator);
    }

    @Test
    void theLastAdminThroughAGroupIsKeptByEveryPath() {
        AdminThroughGroup org = adminThroughGroupOnly("last-through-group");
        Person admin = org.admin();

        Response removal = admin.request("DELETE", "/v1/organizations/rbac_groups/" + org.group() + "/members/" + org.adminId()).send();
        assertConflict(removal);
        Response roles = admin.request("POST", "/v1/organizations/rbac_groups/" + org.group()).json("{\"role_ids\":[\"role_developer\"]}").send();
        assertConflict(roles);
        assertConflict(admin.request("DELETE", "/v1/organizations/rbac_groups/" + org.group()).send());

        // refused changes changed nothing: the group still carries admin, with its member, who still manages members
        JsonObject group = admin.request("GET", "/v1/organizations/rbac_groups/" + org.group()).send().json();
        assertThat(group.getJsonArray("role_ids").getString(0)).isEqualTo("role_admin");
        assertThat(admin.request("GET", "/v1/organizations/rbac_groups/" + org.group() + "/members").send().json().getJsonArray("data")).hasSize(1);
        assertThat(admin.request("GET", "/v1/organizations/users").send().status()).isEqualTo(200);

        // with a second admin, each path works again
        String second = Orgs.join(org.orgId(), admin, "admin", "second-admin").userId();
        assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + org.group()).json("{\"role_ids\":[\"role_developer\"]}").send().status())
                .isEqualTo(200);
        assertThat(admin.request("GET", "/v1/organizations/users").send().status()).as("no longer an admin").isEqualTo(403);
        assertThat(second).startsWith("user_");
    }

    @Test
    void scimDeactivationAndDeletionKeepTheLastAdmin() {
        AdminThroughGroup org = adminThroughGroupOnly("last-through-scim");
        String token = org.admin().request("POST", "/v1/organizations/scim_tokens").json("{}").send().json().getString("secret");
        Response deactivate = Api.request("PATCH", "/scim/v2/Users/" + org.adminId()).bearer(token).json("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""").send();
        assertThat(deactivate.status()).as(deactivate.toString()).isEqualTo(409);
        Response delete = Api.request("DELETE", "/scim/v2/Users/" + org.adminId()).bearer(token).send();
        assertThat(delete.status()).as(delete.toString()).isEqualTo(409);
        assertThat(org.admin().request("GET", "/v1/organizations/users").send().status()).isEqualTo(200);
    }

    @Test
    void anAdminApiKeyNeverTouchesWhatGrantsAdmin() {
        AdminThroughGroup org = adminThroughGroupOnly("key-and-admin-group");
        Person admin = org.admin();
        String key = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"automation\"}").send().json().getString("secret");
        String member = Orgs.join(org.orgId(), admin, "user", "key-target").userId();

        List<Supplier<Response>> refused = List.of(
                () -> withKey(key, "POST", "/v1/organizations/rbac_groups/" + org.group() + "/members", "{\"user_id\":\"" + member + "\"}"),
                () -> withKey(key, "DELETE", "/v1/organizations/rbac_groups/" + org.group() + "/members/" + org.adminId(), null),
                () -> withKey(key, "POST", "/v1/organizations/rbac_groups/" + org.group(), "{\"role_ids\":[\"role_developer\"]}"),
                () -> withKey(key, "DELETE", "/v1/organizations/rbac_groups/" + org.group(), null),
                () -> withKey(key, "POST", "/v1/organizations/rbac_groups", "{\"name\":\"Sneaky\",\"role_ids\":[\"role_admin\"]}"),
                () -> withKey(key, "POST", "/v1/organizations/invites", "{\"email\":\"x-" + UUID.randomUUID() + "@example.com\",\"role\":\"user\",\"rbac_group_ids\":[\"" + org.group() + "\"]}"),
                () -> withKey(key, "POST", "/v1/organizations/users/" + org.adminId() + "/sign_out", null));
        for (Supplier<Response> call : refused) {
            Response response = call.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.errorType()).isEqualTo("permission_error");
        }
        // the same key manages a group that grants no admin
        String plain = created(withKey(key, "POST", "/v1/organizations/rbac_groups", "{\"name\":\"Plain\",\"role_ids\":[\"role_developer\"]}"));
        assertThat(withKey(key, "POST", "/v1/organizations/rbac_groups/" + plain + "/members", "{\"user_id\":\"" + member + "\"}").status()).isEqualTo(200);
        assertThat(withKey(key, "DELETE", "/v1/organizations/rbac_groups/" + plain, null).status()).isEqualTo(200);
    }

    @Test
    void twoAdminsThroughAGroupRemovingEachOtherAtOnceLeaveOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            AdminThroughGroup org = adminThroughGroupOnly("group-race-" + round);
            Person other = Orgs.join(org.orgId(), org.admin(), "user", "group-race-other");
            String otherId = other.userId();
            assertThat(org.admin().request("POST", "/v1/organizations/rbac_groups/" + org.group() + "/members")
                    .json("{\"user_id\":\"" + otherId + "\"}").send().status()).isEqualTo(200);
            List<Response> both = Together.run(List.of(
                    () -> org.admin().request("DELETE", "/v1/organizations/rbac_groups/" + org.group() + "/members/" + otherId).send(),
                    () -> other.request("DELETE", "/v1/organizations/rbac_groups/" + org.group() + "/members/" + org.adminId()).send()));
            assertThat(both).extracting(Response::status).as(both.toString()).containsOnlyOnce(200);
            assertThat(both).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 403, 409));
            Person remaining = both.get(0).status() == 200 ? org.admin() : other; // the one whose removal of the other won
            List<String> members = remaining.request("GET", "/v1/organizations/rbac_groups/" + org.group() + "/members").send().json()
                    .getJsonArray("data").getValuesAs(JsonObject.class).stream().map(m -> m.getString("user_id")).toList();
            assertThat(members).as("someone still holds admin").hasSize(1);
        }
    }

    @Test
    void losingTheLastRoleThatOpensClaudeCodeEndsClaudeCodeAccess() {
        Person owner = Api.newPerson("cc-group-owner");
        String orgId = Orgs.create(owner, "CC through a group");
        Person member = Orgs.join(orgId, owner, "user", "cc-through-group");
        String memberId = member.userId();
        String group = created(owner.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Coders\",\"role_ids\":[\"role_claude_code_user\"]}").send());
        owner.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").json("{\"user_id\":\"" + memberId + "\"}").send();
        Response signIn = member.request("POST", "/v1/organizations/claude_code/sign_in").send();
        assertThat(signIn.status()).as(signIn.toString()).isEqualTo(200);
        String boundKey = signIn.json().getString("id");
        String claudeCode = signIn.json().getString("workspace_id");
        assertThat(member.request("GET", "/v1/organizations/workspaces/" + claudeCode).send().status()).isEqualTo(200);

        Response removed = owner.request("DELETE", "/v1/organizations/rbac_groups/" + group + "/members/" + memberId).send();
        assertThat(removed.status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/workspaces/" + claudeCode).send().status()).isEqualTo(404);
        assertThat(owner.request("GET", "/v1/organizations/api_keys/" + boundKey).send().json().getString("status")).isEqualTo("archived");
        assertThat(owner.request("GET", "/v1/organizations/workspaces/" + claudeCode + "/members/" + memberId).send().status()).isEqualTo(404);
    }

    @Test
    void whenADirectRoleChangeEndsClaudeCodeThenItsWorkspaceAndBoundKeyEndUnlessAGroupStillOpensIt() {
        Person owner = Api.newPerson("cc-direct-owner");
        String orgId = Orgs.create(owner, "CC by a direct role");
        Person alone = Orgs.join(orgId, owner, "claude_code_user", "cc-direct");
        Person grouped = Orgs.join(orgId, owner, "developer", "cc-direct-grouped");
        String group = created(owner.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Coders\",\"role_ids\":[\"role_claude_code_user\"]}").send());
        owner.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").json("{\"user_id\":\"" + grouped.userId() + "\"}").send();
        for (Person member : List.of(alone, grouped)) {
            Response signIn = member.request("POST", "/v1/organizations/claude_code/sign_in").send();
            assertThat(signIn.status()).as(signIn.toString()).isEqualTo(200);
            String boundKey = signIn.json().getString("id");
            String claudeCode = signIn.json().getString("workspace_id");
            // billing opens no Claude Code workspace; the group's claude_code_user still does for the grouped member
            Response changed = owner.request("POST", "/v1/organizations/users/" + member.userId()).json("{\"role\":\"billing\"}").send();
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            boolean stillOpen = member == grouped;
            assertThat(member.request("GET", "/v1/organizations/workspaces/" + claudeCode).send().status()).isEqualTo(stillOpen ? 200 : 404);
            assertThat(owner.request("GET", "/v1/organizations/api_keys/" + boundKey).send().json().getString("status"))
                    .isEqualTo(stillOpen ? "active" : "archived");
            assertThat(owner.request("GET", "/v1/organizations/workspaces/" + claudeCode + "/members/" + member.userId()).send().status())
                    .isEqualTo(stillOpen ? 200 : 404);
            // and back: a change that ends nothing leaves what is held alone
            assertThat(owner.request("POST", "/v1/organizations/users/" + member.userId()).json("{\"role\":\"developer\"}").send().status()).isEqualTo(200);
            assertThat(owner.request("GET", "/v1/organizations/api_keys/" + boundKey).send().json().getString("status"))
                    .isEqualTo(stillOpen ? "active" : "archived");
        }
    }

    @Test
    void losingAdminThroughAGroupRevokesTheAdminApiKeysOneCreated() {
        Person owner = Api.newPerson("revoke-owner");
        String orgId = Orgs.create(owner, "Revokes");
        Person member = Orgs.join(orgId, owner, "user", "admin-by-group");
        String memberId = member.userId();
        String group = created(owner.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Admins\",\"role_ids\":[\"role_admin\"]}").send());
        owner.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").json("{\"user_id\":\"" + memberId + "\"}").send();
        String key = member.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"mine\"}").send().json().getString("secret");
        assertThat(withKey(key, "GET", "/v1/organizations/users", null).status()).isEqualTo(200);

        Response removed = owner.request("DELETE", "/v1/organizations/rbac_groups/" + group + "/members/" + memberId).send();
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body()).contains("Admin API key");
        assertThat(withKey(key, "GET", "/v1/organizations/users", null).status()).isEqualTo(401);
    }

    @Test
    void explainAccessReviewAndMyPermissionsNameEachGrantsSource() {
        Person owner = Api.newPerson("sources-owner");
        String orgId = Orgs.create(owner, "Sources");
        Person member = Orgs.join(orgId, owner, "billing", "two-roles");
        String memberId = member.userId();
        String group = created(owner.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Engineering\",\"role_ids\":[\"role_developer\"]}").send());
        owner.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").json("{\"user_id\":\"" + memberId + "\"}").send();

        JsonObject mine = member.request("GET", "/v1/organizations/me/permissions").send().json();
        assertThat(mine.getString("organization_role")).isEqualTo("billing");
        assertThat(mine.getJsonArray("permissions").toString()).contains("billing:read", "api_keys:manage", "claude_code:use");
        assertThat(mine.getJsonArray("roles").toString()).contains("developer through group Engineering", "org role billing");
        assertThat(mine.getString("workspace_role")).isEqualTo("workspace_developer");

        JsonObject explained = owner.request("GET", "/v1/organizations/users/" + memberId + "/permissions?permission=api_keys:manage").send().json();
        assertThat(explained.getBoolean("granted")).isTrue();
        assertThat(explained.getJsonArray("sources").toString()).contains("developer through group Engineering");
        assertThat(explained.getJsonArray("reasons").toString()).contains("developer through group Engineering");

        String review = owner.request("GET", "/v1/organizations/access_review").header("Accept", "text/csv").send().body();
        assertThat(review.lines().filter(line -> line.contains(memberId)).findFirst().orElseThrow())
                .contains("developer through group Engineering").contains("org role billing");
    }

    private static void assertConflict(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.errorType()).isEqualTo("conflict_error");
        assertThat(response.errorCode()).isEqualTo("last_admin");
    }

    private static Response withKey(String key, String method, String path, String body) {
        Api.Request request = Api.request(method, path).header("x-api-key", key);
        return body == null ? request.send() : request.json(body).send();
    }

    private static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().getString("id");
    }
}
