package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
 * roles.md, "Custom roles": an organization defines "Auditor" (audit:read, access_review:read, usage:read), a group
 * carries it, its members read the audit log, the access review and usage and nothing else; taking usage:read from the
 * role takes effect on the next request; members:manage is never assignable; a role a group carries cannot be deleted;
 * Admin API keys cannot define roles; explain and the access review name the role as a grant's source.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomRolesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private Person admin;
    private String orgId;

    @BeforeEach
    void organization() {
        admin = Api.newPerson("roles-admin");
        orgId = Orgs.create(admin, "Custom roles");
    }

    private String role(String name, String... permissions) {
        Response created = admin.request("POST", "/v1/organizations/rbac_roles")
                .json("{\"display_name\":\"" + name + "\",\"permissions\":[\"" + String.join("\",\"", permissions) + "\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().getJsonObject("source").getString("type")).isEqualTo("custom");
        return created.json().getString("id");
    }

    private String group(String name, String... roleIds) {
        Response created = admin.request("POST", "/v1/organizations/rbac_groups")
                .json("{\"name\":\"" + name + "\",\"role_ids\":[\"" + String.join("\",\"", roleIds) + "\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    private void join(String groupId, Person person) {
        Response added = admin.request("POST", "/v1/organizations/rbac_groups/" + groupId + "/members").json("{\"user_id\":\"" + person.userId() + "\"}").send();
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
    }

    @Test
    void whenAGroupCarriesAuditorThenItsMembersReadAuditAndUsageAndNothingElse() {
        String auditor = role("Auditor", "audit:read", "access_review:read", "usage:read");
        String compliance = group("Compliance", auditor);
        Person member = Orgs.join(orgId, admin, "user", "auditor");
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Audited\"}").send().json().getString("id");

        // before the group: a plain user
        assertThat(member.request("GET", "/v1/organizations/audit_events").send().status()).isEqualTo(403);
        join(compliance, member);

        assertThat(member.request("GET", "/v1/organizations/audit_events").send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/access_review").send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/usage_report/messages?starting_at=2026-01-01T00:00:00Z").send().status()).isEqualTo(200);
        // nothing else: members, keys, costs, billing, the workspace's settings
        for (String[] call : new String[][]{{"GET", "/v1/organizations/users"}, {"GET", "/v1/organizations/cost_report?starting_at=2026-01-01T00:00:00Z"},
                {"GET", "/v1/organizations/billing"}, {"GET", "/v1/organizations/admin_keys"}, {"GET", "/v1/organizations/api_keys"},
                {"GET", "/v1/organizations/workspaces/" + workspace + "/limits"}}) {
            Response refused = member.request(call[0], call[1]).send();
            assertThat(refused.status()).as(call[1] + " " + refused).isEqualTo(403);
        }
        // its permissions say where they come from
        JsonObject permissions = member.request("GET", "/v1/organizations/me/permissions").send().json();
        assertThat(permissions.getJsonArray("permissions").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList())
                .contains("audit:read", "access_review:read", "usage:read").doesNotContain("members:manage", "cost:read");
        assertThat(permissions.toString()).contains("custom role Auditor through group Compliance");
        JsonObject explain = admin.request("GET", "/v1/organizations/users/" + member.userId() + "/permissions?permission=audit:read").send().json();
        assertThat(explain.toString()).contains("custom role Auditor through group Compliance");

        // taking usage:read from the role takes effect on the next request
        Response changed = admin.request("POST", "/v1/organizations/rbac_roles/" + auditor)
                .json("{\"permissions\":[\"audit:read\",\"access_review:read\"]}").send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/usage_report/messages?starting_at=2026-01-01T00:00:00Z").send().status()).isEqualTo(403);
        assertThat(member.request("GET", "/v1/organizations/audit_events").send().status()).isEqualTo(200);
        // and the role lists its permissions as the official client reads them
        var listed = admin.request("GET", "/v1/organizations/rbac_roles/" + auditor + "/permissions").send().json().getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().map(p -> p.getString("action")).toList();
        assertThat(listed).containsExactly("audit:read", "access_review:read");

        // out of the group: nothing of the role
        assertThat(admin.request("DELETE", "/v1/organizations/rbac_groups/" + compliance + "/members/" + member.userId()).send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/audit_events").send().status()).isEqualTo(403);
    }

    @Test
    void whenARoleWouldHoldWhatStaysWithAdminThenItIsRefused() {
        for (String permission : List.of("members:manage", "admin_keys:manage")) {
            Response refused = admin.request("POST", "/v1/organizations/rbac_roles")
                    .json("{\"display_name\":\"Sneaky " + permission + "\",\"permissions\":[\"audit:read\",\"" + permission + "\"]}").send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("permission_not_assignable");
        }
        String role = role("Reader", "audit:read");
        Response widened = admin.request("POST", "/v1/organizations/rbac_roles/" + role).json("{\"permissions\":[\"members:manage\"]}").send();
        assertThat(widened.errorCode()).isEqualTo("permission_not_assignable");
        Response unknown = admin.request("POST", "/v1/organizations/rbac_roles").json("{\"display_name\":\"Odd\",\"permissions\":[\"root:all\"]}").send();
        assertThat(unknown.status()).isEqualTo(400);
        // built-in roles are not the organization's to change
        Response builtIn = admin.request("DELETE", "/v1/organizations/rbac_roles/role_admin").send();
        assertThat(builtIn.status()).as(builtIn.toString()).isEqualTo(400);
        assertThat(builtIn.errorCode()).isEqualTo("built_in_role_not_changeable");
        // the same name twice
        assertThat(admin.request("POST", "/v1/organizations/rbac_roles").json("{\"display_name\":\"READER\",\"permissions\":[\"usage:read\"]}")
                .send().errorCode()).isEqualTo("rbac_role_already_exists");
    }

    @Test
    void whenAGroupCarriesARoleThenItCannotBeDeletedUntilItDoesNot() {
        String role = role("Finance viewer", "cost:read");
        String finance = group("Finance", role);
        Response refused = admin.request("DELETE", "/v1/organizations/rbac_roles/" + role).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("role_in_use");
        assertThat(admin.request("GET", "/v1/organizations/rbac_roles/" + role).send().status()).isEqualTo(200);
        assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + finance).json("{\"role_ids\":[]}").send().status()).isEqualTo(200);
        Response deleted = admin.request("DELETE", "/v1/organizations/rbac_roles/" + role).send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().getString("type")).isEqualTo("rbac_role_deleted");
        assertThat(admin.request("GET", "/v1/organizations/rbac_roles/" + role).send().errorCode()).isEqualTo("rbac_role_not_found");
        // a group cannot carry a role that does not exist (nor another organization's)
        Person other = Api.newPerson("other-roles");
        Orgs.create(other, "Other");
        String theirs = other.request("POST", "/v1/organizations/rbac_roles").json("{\"display_name\":\"Theirs\",\"permissions\":[\"audit:read\"]}")
                .send().json().getString("id");
        Response foreign = admin.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Borrowed\",\"role_ids\":[\"" + theirs + "\"]}").send();
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("rbac_role_not_found");
    }

    @Test
    void whenAnAdminApiKeyDefinesRolesThenItIsRefused() {
        String key = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"automation\"}").send().json().getString("secret");
        Response refused = Api.request("POST", "/v1/organizations/rbac_roles").header("x-api-key", key)
                .json("{\"display_name\":\"By key\",\"permissions\":[\"audit:read\"]}").send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        String role = role("Mine", "audit:read");
        assertThat(Api.request("POST", "/v1/organizations/rbac_roles/" + role).header("x-api-key", key).json("{\"permissions\":[\"usage:read\"]}")
                .send().status()).isEqualTo(403);
        assertThat(Api.request("DELETE", "/v1/organizations/rbac_roles/" + role).header("x-api-key", key).send().status()).isEqualTo(403);
        // reading them is fine
        assertThat(Api.request("GET", "/v1/organizations/rbac_roles").header("x-api-key", key).send().json().toString()).contains(role);
    }
}
