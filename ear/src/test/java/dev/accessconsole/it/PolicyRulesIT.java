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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of roles.md that used to be decided outside the policy, each "when X then Y" from outside: the Claude Code
 * workspace needs claude_code:use, Default has no member list, an Admin API key never changes an admin's role, explain
 * of one's own permissions leaks no existence, concurrent adds and invites end clean, refusals decided by services are
 * audited like the guard's, limits stay under the organization's, unverified emails are not verified.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PolicyRulesIT {

    private static final int TRIES = Integer.getInteger("race.tries", 8);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private final String gateway = Api.platformToken("gateway");
    private Person admin;
    private String orgId;

    @BeforeEach
    void organization() {
        admin = Api.newPerson("rules-admin");
        orgId = Orgs.create(admin, "Rules");
    }

    private static void assertError(Response response, int status, String type, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorType()).as(response.toString()).isEqualTo(type);
        if (code != null) {
            assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        }
    }

    private static String permissionOf(Response response) {
        JsonObject details = response.json().getJsonObject("error").getJsonObject("details");
        return details.containsKey("permission") ? details.getString("permission") : null;
    }

    private String defaultWorkspace() {
        for (var w : admin.request("GET", "/v1/organizations/workspaces?include_default=true").send().json().getJsonArray("data")) {
            if (w.asJsonObject().getString("name").equals("Default")) {
                return w.asJsonObject().getString("id");
            }
        }
        throw new AssertionError("no Default workspace");
    }

    private Response verify(String secret) {
        return Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + secret + "\"}").send();
    }

    @Test
    void whenADeveloperInClaudeCodeIsMadeUserThenTheWorkspaceIsClosedAndTheBoundKeyStops() {
        Person dev = Orgs.join(orgId, admin, "developer", "cc-dev");
        JsonObject signIn = dev.request("POST", "/v1/organizations/claude_code/sign_in").send().json();
        String claudeCode = signIn.getString("workspace_id");
        String secret = signIn.getString("secret");
        assertThat(dev.request("GET", "/v1/organizations/workspaces/" + claudeCode).send().status()).isEqualTo(200);
        assertThat(verify(secret).status()).isEqualTo(200);

        Response demoted = admin.request("POST", "/v1/organizations/users/" + dev.userId()).json("{\"role\":\"user\"}").send();
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);

        assertError(dev.request("GET", "/v1/organizations/workspaces/" + claudeCode).send(), 404, "not_found_error", null);
        assertThat(verify(secret).status()).isEqualTo(401);
        // the membership is gone, not merely ineffective: promoting them again does not bring it back
        admin.request("POST", "/v1/organizations/users/" + dev.userId()).json("{\"role\":\"developer\"}").send();
        assertError(dev.request("GET", "/v1/organizations/workspaces/" + claudeCode).send(), 404, "not_found_error", null);
        assertThat(verify(secret).status()).isEqualTo(401);
    }

    @Test
    void whenAnOrgUserIsAddedToTheClaudeCodeWorkspaceThenInvalidRequest() {
        Person coder = Orgs.join(orgId, admin, "claude_code_user", "coder");
        String claudeCode = coder.request("POST", "/v1/organizations/claude_code/sign_in").send().json().getString("workspace_id");
        for (String role : List.of("user", "billing")) {
            Person person = Orgs.join(orgId, admin, role, "cc-" + role);
            Response add = admin.request("POST", "/v1/organizations/workspaces/" + claudeCode + "/members")
                    .json("{\"user_id\":\"" + person.userId() + "\",\"workspace_role\":\"workspace_developer\"}").send();
            assertError(add, 400, "invalid_request_error", null);
            assertThat(person.request("GET", "/v1/organizations/api_keys?workspace_id=" + claudeCode).send().status()).isEqualTo(403);
        }
    }

    @Test
    void whenAPlainUserListsTheDefaultWorkspaceMembersThenNobodyIsRevealed() {
        Orgs.join(orgId, admin, "admin", "second-admin");
        Person user = Orgs.join(orgId, admin, "user", "plain");
        String defaultId = defaultWorkspace();
        Response list = user.request("GET", "/v1/organizations/workspaces/" + defaultId + "/members").send();
        assertError(list, 400, "invalid_request_error", "default_workspace_has_no_members");
        assertError(user.request("GET", "/v1/organizations/workspaces/" + defaultId + "/members/" + admin.userId()).send(),
                400, "invalid_request_error", "default_workspace_has_no_members");
        assertThat(list.body()).doesNotContain(admin.userId());
        // not even an admin gets a member list of Default: who is in the organization is the users list's business
        assertError(admin.request("GET", "/v1/organizations/workspaces/" + defaultId + "/members").send(),
                400, "invalid_request_error", "default_workspace_has_no_members");
    }

    @Test
    void whenAnAdminApiKeyDemotesAnAdminThenForbiddenNamingThePermissionAndAudited() {
        Person second = Orgs.join(orgId, admin, "admin", "second");
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"bot\"}").send().json().getString("secret");
        Response demote = Api.request("POST", "/v1/organizations/users/" + second.userId()).header("x-api-key", secret)
                .json("{\"role\":\"developer\"}").send();
        assertError(demote, 403, "permission_error", null);
        assertThat(permissionOf(demote)).isEqualTo("members:manage");
        assertThat(admin.request("GET", "/v1/organizations/users/" + second.userId()).send().json().getString("role")).isEqualTo("admin");
        // a refusal decided by a service rule is in the audit log like the guard's
        var denied = admin.request("GET", "/v1/organizations/audit_events?action=access.denied&limit=100").send().json().getJsonArray("data");
        assertThat(denied.stream().map(e -> e.asJsonObject().getJsonObject("details").toString()))
                .anySatisfy(details -> assertThat(details).contains("admin_role_not_changeable"));
    }

    @Test
    void whenTheCallerAsksItsPermissionsInAWorkspaceItCannotSeeThenTheSame404AsForNone() {
        String hidden = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Hidden\"}").send().json().getString("id");
        Person user = Orgs.join(orgId, admin, "user", "nosy");
        Response invisible = user.request("GET", "/v1/organizations/me/permissions?workspace_id=" + hidden).send();
        Response missing = user.request("GET", "/v1/organizations/me/permissions?workspace_id=wrkspc_01NOSUCHWORKSPACE000000000").send();
        assertError(invisible, 404, "not_found_error", null);
        assertError(missing, 404, "not_found_error", null);
        assertThat(invisible.json().getJsonObject("error")).isEqualTo(missing.json().getJsonObject("error"));
        assertThat(admin.request("GET", "/v1/organizations/me/permissions?workspace_id=" + hidden).send().status()).isEqualTo(200);
    }

    @Test
    void whenTwoAdminsAddTheSameWorkspaceMemberAtOnceThenOneWinsAndTheOtherGetsAClean400() throws Exception {
        Person second = Orgs.join(orgId, admin, "admin", "adder");
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Race\"}").send().json().getString("id");
        for (int attempt = 0; attempt < TRIES; attempt++) {
            String userId = Orgs.join(orgId, admin, "user", "target").userId();
            String body = "{\"user_id\":\"" + userId + "\",\"workspace_role\":\"workspace_developer\"}";
            List<Response> outcomes = Together.run(List.of(
                    () -> admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members").json(body).send(),
                    () -> second.request("POST", "/v1/organizations/workspaces/" + workspace + "/members").json(body).send()));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(200, 400));
            assertThat(outcomes.stream().filter(o -> o.status() == 200)).hasSize(1);
        }
    }

    @Test
    void whenTwoAdminsInviteTheSameEmailAtOnceThenOnePendingInvite() throws Exception {
        Person second = Orgs.join(orgId, admin, "admin", "inviter");
        for (int attempt = 0; attempt < TRIES; attempt++) {
            String email = "twice-" + attempt + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String body = "{\"email\":\"" + email + "\",\"role\":\"user\"}";
            List<Response> outcomes = Together.run(List.of(() -> admin.request("POST", "/v1/organizations/invites").json(body).send(),
                    () -> second.request("POST", "/v1/organizations/invites").json(body).send()));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(200, 400));
            var pending = admin.request("GET", "/v1/organizations/invites?limit=1000&email=" + email).send().json().getJsonArray("data")
                    .stream().filter(i -> i.asJsonObject().getString("status").equals("pending")).count();
            assertThat(pending).as(email).isEqualTo(1);
        }
    }

    @Test
    void whenAServiceRefusesForAMissingPermissionThenTheBodyNamesItAsTheGuardDoes() {
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"bot\"}").send().json().getString("secret");
        Response createKey = Api.request("POST", "/v1/organizations/api_keys").header("x-api-key", secret).json("{\"name\":\"k\"}").send();
        assertError(createKey, 403, "permission_error", "admin_api_key_cannot_create_keys");
        assertThat(permissionOf(createKey)).isEqualTo("api_keys:manage");
        Person user = Orgs.join(orgId, admin, "user", "no-keys");
        Response keys = user.request("GET", "/v1/organizations/api_keys").send();
        assertError(keys, 403, "permission_error", "missing_permission");
        assertThat(permissionOf(keys)).isEqualTo("api_keys:read");
        Response usage = user.request("GET", "/v1/organizations/usage_report/messages?starting_at=2026-01-01T00:00:00Z").send();
        assertThat(permissionOf(usage)).isEqualTo("usage:read");
        Response cost = user.request("GET", "/v1/organizations/cost_report?starting_at=2026-01-01T00:00:00Z").send();
        assertThat(permissionOf(cost)).isEqualTo("cost:read");
        var denied = admin.request("GET", "/v1/organizations/audit_events?action=access.denied&actor_id=" + user.userId()).send().json().getJsonArray("data");
        assertThat(denied).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void whenANonMemberNamesAnOrganizationThenNothingIsWrittenInItsAuditLog() {
        Person stranger = Api.newPerson("stranger");
        Orgs.create(stranger, "Elsewhere");
        int before = admin.request("GET", "/v1/organizations/audit_events?limit=1000").send().json().getJsonArray("data").size();
        assertThat(stranger.request("GET", "/v1/organizations/users").org(orgId).send().status()).isEqualTo(404);
        assertThat(stranger.request("GET", "/v1/organizations/me").org(orgId).send().status()).isEqualTo(404);
        int after = admin.request("GET", "/v1/organizations/audit_events?limit=1000").send().json().getJsonArray("data").size();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void whenTheOrganizationLimitsAreLoweredThenWorkspaceLimitsAboveThemAreLoweredToo() {
        String support = Api.platformToken("support");
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Limited\"}").send().json().getString("id");
        Api.request("PUT", "/v1/support/organizations/" + orgId + "/limits").bearer(support).json("{\"requests_per_minute\":1000}").send();
        assertThat(admin.request("PUT", "/v1/organizations/workspaces/" + workspace + "/limits").json("{\"requests_per_minute\":800}").send().status())
                .isEqualTo(200);
        Response lowered = Api.request("PUT", "/v1/support/organizations/" + orgId + "/limits").bearer(support).json("{\"requests_per_minute\":500}").send();
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertThat(lowered.json().getJsonArray("workspaces_lowered").getString(0)).isEqualTo(workspace);
        JsonObject limits = admin.request("GET", "/v1/organizations/workspaces/" + workspace + "/limits").send().json();
        assertThat(limits.getJsonObject("limits").getJsonNumber("requests_per_minute").longValue()).isEqualTo(500);
    }

    @Test
    void whenATokenCarriesNoEmailVerifiedClaimThenTheInviteIsNotAccepted() {
        Person invitee = Api.newPerson("unverified");
        String invite = admin.request("POST", "/v1/organizations/invites").json("{\"email\":\"" + invitee.email() + "\",\"role\":\"admin\"}")
                .send().json().getString("id");
        for (Object claim : new Object[]{DevTokens.ABSENT, null, 0, "no", "true"}) {
            String token = DevTokens.forPersonClaims(Api.devKey(), invitee.subject(), invitee.email(), claim, null);
            Response refused = Api.request("POST", "/v1/invites/" + invite + "/accept").bearer(token).send();
            assertError(refused, 403, "permission_error", "email_not_verified");
        }
        assertThat(invitee.request("POST", "/v1/invites/" + invite + "/accept").send().status()).isEqualTo(200);
    }

    @Test
    void whenAKeyIsCreatedWithABlankWorkspaceThenItIsDecidedAndCreatedInDefault() {
        Person dev = Orgs.join(orgId, admin, "developer", "blank");
        Response created = dev.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().isNull("workspace_id")).isTrue();
        Person user = Orgs.join(orgId, admin, "user", "blank-user");
        assertError(user.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"\"}").send(), 403, "permission_error", null);
    }

    @Test
    void whenAMemberChangesTheirOwnWorkspaceRoleThenInvalidRequest() {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Self\"}").send().json().getString("id");
        Person lead = Orgs.join(orgId, admin, "user", "lead");
        admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members")
                .json("{\"user_id\":\"" + lead.userId() + "\",\"workspace_role\":\"workspace_admin\"}").send();
        assertError(lead.request("POST", "/v1/organizations/workspaces/" + workspace + "/members/" + lead.userId())
                .json("{\"workspace_role\":\"workspace_user\"}").send(), 400, "invalid_request_error", "cannot_change_own_role");
        assertError(lead.request("DELETE", "/v1/organizations/workspaces/" + workspace + "/members/" + lead.userId()).send(),
                400, "invalid_request_error", "cannot_change_own_role");
    }

    @Test
    void whenAWorkspaceIsArchivedThenItIsReadOnly() {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Old\"}").send().json().getString("id");
        Person member = Orgs.join(orgId, admin, "user", "old-member");
        admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/prompts").json("{\"name\":\"p\",\"model\":\"m\",\"messages\":[]}").send();
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/archive").send().status()).isEqualTo(200);
        List<Response> writes = new ArrayList<>(List.of(
                admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members")
                        .json("{\"user_id\":\"" + member.userId() + "\",\"workspace_role\":\"workspace_user\"}").send(),
                admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"" + workspace + "\"}").send(),
                admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/prompts").json("{\"name\":\"q\",\"model\":\"m\",\"messages\":[]}").send(),
                admin.request("PUT", "/v1/organizations/workspaces/" + workspace + "/limits").json("{\"requests_per_minute\":1}").send(),
                admin.request("POST", "/v1/organizations/workspaces/" + workspace).json("{\"name\":\"New\"}").send()));
        assertThat(writes).allSatisfy(w -> assertError(w, 400, "invalid_request_error", "workspace_archived"));
        assertThat(admin.request("GET", "/v1/organizations/workspaces/" + workspace + "/prompts").send().status()).isEqualTo(200);
        assertThat(admin.request("GET", "/v1/organizations/workspaces/" + workspace + "/members").send().status()).isEqualTo(200);
    }

    @Test
    void whenRestrictedDeveloperIsAssignedThenItManagesKeysThereAndIsInTheRoleMatrix() {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Limited dev\"}").send().json().getString("id");
        Person person = Orgs.join(orgId, admin, "user", "restricted");
        Response added = admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members")
                .json("{\"user_id\":\"" + person.userId() + "\",\"workspace_role\":\"workspace_restricted_developer\"}").send();
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().getString("workspace_role")).isEqualTo("workspace_restricted_developer");
        assertThat(person.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"" + workspace + "\"}").send().status())
                .isEqualTo(200);
        assertError(person.request("POST", "/v1/organizations/workspaces/" + workspace).json("{\"name\":\"x\"}").send(), 403, "permission_error", null);
        assertThat(admin.request("GET", "/v1/roles").send().body()).contains("workspace_restricted_developer");
    }
}
