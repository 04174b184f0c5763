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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The membership rules and Admin API restrictions of roles.md, each with its exact status and error type, through
 * HTTP with real tokens and a real Admin API key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MembershipRulesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private Person admin;
    private String orgId;
    private String workspaceId;

    @BeforeEach
    void organizationWithAWorkspace() {
        admin = Api.newPerson("rules-admin");
        orgId = Orgs.create(admin, "Rules");
        workspaceId = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Lab\"}").send().json().getString("id");
    }

    private Response addMember(Person caller, String userId, String role) {
        return caller.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/members").org(orgId)
                .json("{\"user_id\":\"" + userId + "\",\"workspace_role\":\"" + role + "\"}").send();
    }

    private static void assertError(Response response, int status, String type, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorType()).isEqualTo(type);
        if (code != null) {
            assertThat(response.errorCode()).isEqualTo(code);
        }
    }

    @Test
    void workspaceBillingCannotBeAssigned() {
        Person user = Orgs.join(orgId, admin, "user", "u");
        assertError(addMember(admin, user.userId(), "workspace_billing"), 400, "invalid_request_error", "invalid_workspace_role");
        assertThat(addMember(admin, user.userId(), "workspace_user").status()).isEqualTo(200);
        Response update = admin.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/members/" + user.userId()).org(orgId)
                .json("{\"workspace_role\":\"workspace_billing\"}").send();
        assertError(update, 400, "invalid_request_error", "invalid_workspace_role");
    }

    @Test
    void orgAdminsAreWorkspaceAdminsEverywhereAndCannotBeChangedOrRemoved() {
        Person otherAdmin = Orgs.join(orgId, admin, "admin", "admin2");
        String id = otherAdmin.userId();
        JsonObject shown = admin.request("GET", "/v1/organizations/workspaces/" + workspaceId + "/members/" + id).org(orgId).send().json();
        assertThat(shown.getString("workspace_role")).isEqualTo("workspace_admin");
        assertError(addMember(admin, id, "workspace_user"), 400, "invalid_request_error", "implied_membership");
        assertError(admin.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/members/" + id).org(orgId)
                .json("{\"workspace_role\":\"workspace_user\"}").send(), 400, "invalid_request_error", "implied_membership");
        assertError(admin.request("DELETE", "/v1/organizations/workspaces/" + workspaceId + "/members/" + id).org(orgId).send(),
                400, "invalid_request_error", "implied_membership");
    }

    @Test
    void billingHoldsWorkspaceBillingFixedExceptItCanBeMadeWorkspaceAdmin() {
        Person billing = Orgs.join(orgId, admin, "billing", "billing");
        String id = billing.userId();
        String memberPath = "/v1/organizations/workspaces/" + workspaceId + "/members/" + id;
        assertThat(admin.request("GET", memberPath).org(orgId).send().json().getString("workspace_role")).isEqualTo("workspace_billing");
        assertError(admin.request("POST", memberPath).org(orgId).json("{\"workspace_role\":\"workspace_developer\"}").send(),
                400, "invalid_request_error", "implied_membership");
        assertError(admin.request("DELETE", memberPath).org(orgId).send(), 400, "invalid_request_error", "implied_membership");

        Response promoted = admin.request("POST", memberPath).org(orgId).json("{\"workspace_role\":\"workspace_admin\"}").send();
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().getString("workspace_role")).isEqualTo("workspace_admin");
        // and now billing manages that workspace's members
        assertThat(billing.request("GET", "/v1/organizations/workspaces/" + workspaceId + "/members").send().status()).isEqualTo(200);
    }

    @Test
    void aDemotionFallsBackToExactlyTheExplicitMemberships() {
        String second = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Other\"}").send().json().getString("id");
        Person dev = Orgs.join(orgId, admin, "developer", "dev");
        String devId = dev.userId();
        assertThat(addMember(admin, devId, "workspace_developer").status()).isEqualTo(200);
        // promote to admin: implied everywhere; demote to user: only the explicit membership remains
        assertThat(admin.request("POST", "/v1/organizations/users/" + devId).json("{\"role\":\"admin\"}").send().status()).isEqualTo(200);
        assertThat(dev.request("GET", "/v1/organizations/workspaces/" + second).send().status()).isEqualTo(200);
        assertThat(admin.request("POST", "/v1/organizations/users/" + devId).json("{\"role\":\"user\"}").send().status()).isEqualTo(200);

        assertThat(dev.request("GET", "/v1/organizations/workspaces/" + second).send().status()).isEqualTo(404);
        Response kept = dev.request("GET", "/v1/organizations/workspaces/" + workspaceId + "/members/" + devId).send();
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().getString("workspace_role")).isEqualTo("workspace_developer");
        List<String> visible = dev.request("GET", "/v1/organizations/workspaces").send().json().getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().map(w -> w.getString("id")).toList();
        assertThat(visible).containsExactly(workspaceId);
    }

    @Test
    void onlyOrganizationMembersJoinWorkspaces() {
        Person outsider = Api.newPerson("outsider");
        assertError(addMember(admin, outsider.userId(), "workspace_user"), 400, "invalid_request_error", "not_an_organization_member");
    }

    @Test
    void theDefaultWorkspaceHasNoMemberList() {
        String defaultId = admin.request("GET", "/v1/organizations/workspaces?include_default=true").send().json().getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().filter(w -> w.getString("name").equals("Default")).findFirst().orElseThrow().getString("id");
        Person user = Orgs.join(orgId, admin, "user", "u");
        Response add = admin.request("POST", "/v1/organizations/workspaces/" + defaultId + "/members")
                .json("{\"user_id\":\"" + user.userId() + "\",\"workspace_role\":\"workspace_admin\"}").send();
        assertError(add, 400, "invalid_request_error", "default_workspace_has_no_members");
        assertError(admin.request("POST", "/v1/organizations/workspaces/" + defaultId).json("{\"name\":\"Renamed\"}").send(),
                400, "invalid_request_error", "workspace_not_renamable");
        assertError(admin.request("POST", "/v1/organizations/workspaces/" + defaultId + "/archive").send(),
                400, "invalid_request_error", "default_workspace_not_archivable");
    }

    @Test
    void workspaceRolesGrantTheirPermissionsOnlyInTheirWorkspace() {
        Person user = Orgs.join(orgId, admin, "user", "u");
        String userId = user.userId();
        // an org user sees no keys anywhere
        assertError(user.request("GET", "/v1/organizations/api_keys").send(), 403, "permission_error", null);
        assertError(user.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\"}").send(), 403, "permission_error", null);
        // not a member of the workspace: it does not exist for them
        assertError(user.request("GET", "/v1/organizations/workspaces/" + workspaceId).send(), 404, "not_found_error", null);
        // made workspace_admin there: full control of that workspace, nothing more
        assertThat(addMember(admin, userId, "workspace_admin").status()).isEqualTo(200);
        Response key = user.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"" + workspaceId + "\"}").send();
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        assertThat(user.request("POST", "/v1/organizations/workspaces/" + workspaceId).json("{\"name\":\"Lab 2\"}").send().status()).isEqualTo(200);
        assertThat(user.request("GET", "/v1/organizations/api_keys").send().json().getJsonArray("data")).hasSize(1);
        Response archive = user.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/archive").send();
        assertError(archive, 403, "permission_error", null);
        assertThat(archive.json().getJsonObject("error").getString("message")).contains("workspaces:archive");
        assertError(user.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\"}").send(), 403, "permission_error", null);
    }

    @Test
    void adminApiKeysActAsAdminWithTheAdminApiRestrictions() {
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"bot\"}").send().json().getString("secret");
        Person dev = Orgs.join(orgId, admin, "developer", "dev");
        String devId = dev.userId();
        Api.Request asKey = Api.request("GET", "/v1/organizations/users").header("x-api-key", secret);
        assertThat(asKey.send().status()).isEqualTo(200);

        // cannot assign admin, by update or invite
        assertError(Api.request("POST", "/v1/organizations/users/" + devId).header("x-api-key", secret).json("{\"role\":\"admin\"}").send(),
                400, "invalid_request_error", "admin_role_not_assignable");
        assertError(Api.request("POST", "/v1/organizations/invites").header("x-api-key", secret)
                .json("{\"email\":\"boss@example.com\",\"role\":\"admin\"}").send(), 400, "invalid_request_error", "admin_role_not_assignable");
        // cannot remove admins
        assertError(Api.request("DELETE", "/v1/organizations/users/" + admin.userId()).header("x-api-key", secret).send(),
                403, "permission_error", "admin_not_removable");
        // cannot create API keys
        assertError(Api.request("POST", "/v1/organizations/api_keys").header("x-api-key", secret).json("{\"name\":\"k\"}").send(),
                403, "permission_error", "admin_api_key_cannot_create_keys");
        // cannot manage Admin API keys
        assertError(Api.request("POST", "/v1/organizations/admin_keys").header("x-api-key", secret).json("{\"name\":\"k2\"}").send(),
                403, "permission_error", null);
        // everything else an admin does, it does: change a non-admin role, remove a non-admin
        assertThat(Api.request("POST", "/v1/organizations/users/" + devId).header("x-api-key", secret).json("{\"role\":\"billing\"}").send().status())
                .isEqualTo(200);
        assertThat(Api.request("DELETE", "/v1/organizations/users/" + devId).header("x-api-key", secret).send().status()).isEqualTo(200);
        // a signed-in admin can do all three
        Person other = Orgs.join(orgId, admin, "user", "other");
        assertThat(admin.request("POST", "/v1/organizations/users/" + other.userId()).json("{\"role\":\"admin\"}").send().status()).isEqualTo(200);
        assertThat(admin.request("DELETE", "/v1/organizations/users/" + other.userId()).send().status()).isEqualTo(200);

        // the key acts in its own organization only
        Person stranger = Api.newPerson("stranger");
        String strangerOrg = Orgs.create(stranger, "Elsewhere");
        assertError(Api.request("GET", "/v1/organizations/users").header("x-api-key", secret).org(strangerOrg).send(), 404, "not_found_error", null);

        // revoked: 401, with x-api-key and as a bearer (as the official clients send it)
        String keyId = admin.request("GET", "/v1/organizations/admin_keys").send().json().getJsonArray("data").getJsonObject(0).getString("id");
        assertThat(admin.request("POST", "/v1/organizations/admin_keys/" + keyId).send().json().getString("status")).isEqualTo("revoked");
        assertError(asKey.send(), 401, "authentication_error", null);
        assertError(Api.request("GET", "/v1/organizations/users").bearer(secret).send(), 401, "authentication_error", null);
        assertError(Api.request("GET", "/v1/organizations/users").header("x-api-key", "sk-ant-admin01-made-up").send(), 401, "authentication_error", null);
    }

    @Test
    void noOneChangesTheirOwnRoleAndTheLastAdminStays() {
        // the sole admin demoting themselves: the last-admin rule answers
        assertError(admin.request("POST", "/v1/organizations/users/" + admin.userId()).json("{\"role\":\"user\"}").send(),
                400, "invalid_request_error", "cannot_remove_last_member");
        assertError(admin.request("DELETE", "/v1/organizations/users/" + admin.userId()).send(),
                400, "invalid_request_error", "cannot_remove_last_member");
        // with a second admin, changing one's own role is still refused
        Orgs.join(orgId, admin, "admin", "second-admin");
        assertError(admin.request("POST", "/v1/organizations/users/" + admin.userId()).json("{\"role\":\"user\"}").send(),
                400, "invalid_request_error", "cannot_change_own_role");
        assertThat(admin.request("GET", "/v1/organizations/users?roles[]=admin").send().json().getJsonArray("data")).hasSize(2);
    }

    @Test
    void removingAMemberDropsTheirWorkspaceMembershipsAndKeepsTheirWorkspaceKeys() {
        Person dev = Orgs.join(orgId, admin, "developer", "dev");
        String devId = dev.userId();
        assertThat(addMember(admin, devId, "workspace_developer").status()).isEqualTo(200);
        String keyId = dev.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"" + workspaceId + "\"}")
                .send().json().getString("id");
        assertThat(admin.request("DELETE", "/v1/organizations/users/" + devId).send().json().getString("type")).isEqualTo("user_deleted");
        assertThat(admin.request("GET", "/v1/organizations/workspaces/" + workspaceId + "/members/" + devId).send().status()).isEqualTo(404);
        assertThat(admin.request("GET", "/v1/organizations/api_keys/" + keyId).send().json().getString("status")).isEqualTo("active");
        assertThat(dev.request("GET", "/v1/organizations/me").org(orgId).send().status()).isEqualTo(404);
    }

    @Test
    void archivingAWorkspaceArchivesItsKeysForGood() {
        String keyId = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"" + workspaceId + "\"}")
                .send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/archive").send().status()).isEqualTo(200);
        assertThat(admin.request("GET", "/v1/organizations/api_keys/" + keyId).send().json().getString("status")).isEqualTo("archived");
        assertError(admin.request("POST", "/v1/organizations/api_keys/" + keyId).json("{\"status\":\"active\"}").send(),
                400, "invalid_request_error", "api_key_archived");
        assertError(admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k2\",\"workspace_id\":\"" + workspaceId + "\"}").send(),
                400, "invalid_request_error", "workspace_archived");
        assertError(admin.request("POST", "/v1/organizations/workspaces/" + workspaceId).json("{\"name\":\"again\"}").send(),
                400, "invalid_request_error", "workspace_archived");
    }
}
