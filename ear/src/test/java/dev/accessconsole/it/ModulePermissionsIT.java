package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import dev.accessconsole.it.payroll.Payroll;
import dev.accessconsole.it.payroll.PayrollPermissions;
import dev.accessconsole.it.payroll.PayrollResource;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * roles.md, "Other modules' permissions", with a module of its own: the real EAR with one more jar in its web module
 * ({@code payroll-module.jar}: {@link PayrollPermissions} declares {@code payroll:export}, {@link Payroll} guards a
 * bean with it, {@link PayrollResource} serves it). The permission joins the catalog, {@code /v1/roles},
 * {@code rbac_roles} and {@code /openapi}; the library's interceptor enforces it; admin and a custom role listing it
 * grant it, no other built-in role does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ModulePermissionsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        EnterpriseArchive ear = Deployments.realEar();
        JavaArchive module = ShrinkWrap.create(JavaArchive.class, "payroll-module.jar")
                .addClasses(PayrollPermissions.class, Payroll.class, PayrollResource.class)
                .addAsManifestResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"annotated\"/>"),
                        "beans.xml");
        ear.getAsType(WebArchive.class, "access-console-web.war").addAsLibrary(module);
        return ear;
    }

    private Person admin;
    private String orgId;

    @BeforeEach
    void organization() {
        admin = Api.newPerson("payroll-admin");
        orgId = Orgs.create(admin, "Payroll");
    }

    @Test
    void whenAModuleDeclaresAPermissionThenTheCatalogRolesAndOpenApiListIt() {
        JsonObject roles = Api.request("GET", "/v1/roles").bearer(admin.token()).send().json();
        JsonObject declared = roles.getJsonArray("permissions").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").equals("payroll:export")).findFirst().orElseThrow();
        assertThat(declared.getString("scope")).isEqualTo("organization");
        assertThat(declared.getString("module")).isEqualTo("payroll");
        // admin's permissions include it, no other built-in role's do
        for (JsonObject role : roles.getJsonArray("organization_roles").getValuesAs(JsonObject.class)) {
            List<String> permissions = role.getJsonArray("permissions").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            assertThat(permissions.contains("payroll:export")).as(role.getString("role")).isEqualTo(role.getString("role").equals("admin"));
        }
        List<String> adminPermissions = admin.request("GET", "/v1/organizations/rbac_roles/role_admin/permissions?limit=100").send().json()
                .getJsonArray("data").getValuesAs(JsonObject.class).stream().map(p -> p.getString("action")).toList();
        assertThat(adminPermissions).contains("payroll:export");
        JsonObject summary = Api.request("GET", "/openapi?format=JSON").header("Accept", "application/json").send().json()
                .getJsonObject("paths").getJsonObject("/v1/payroll/summary").getJsonObject("get");
        assertThat(summary.getJsonArray("x-required-permissions").getString(0)).isEqualTo("payroll:export");
    }

    @Test
    void whenTheGuardedBeanIsCalledThenOnlyAdminAndACustomRoleListingThePermissionPass() {
        assertThat(admin.request("GET", "/v1/payroll/export").send().status()).isEqualTo(200);
        assertThat(admin.request("GET", "/v1/payroll/summary").send().status()).isEqualTo(200);
        for (String builtIn : List.of("user", "claude_code_user", "developer", "billing")) {
            Person member = Orgs.join(orgId, admin, builtIn, "payroll-" + builtIn);
            for (String path : List.of("/v1/payroll/export", "/v1/payroll/summary")) {
                Response refused = member.request("GET", path).send();
                assertThat(refused.status()).as(builtIn + " " + path + " " + refused).isEqualTo(403);
                assertThat(refused.json().getJsonObject("error").getJsonObject("details").getString("permission")).isEqualTo("payroll:export");
            }
        }
        // a custom role listing it grants it, through a group; taken from the role, it is gone on the next request
        Person clerk = Orgs.join(orgId, admin, "user", "payroll-clerk");
        String role = admin.request("POST", "/v1/organizations/rbac_roles")
                .json("{\"display_name\":\"Payroll clerk\",\"permissions\":[\"payroll:export\"]}").send().json().getString("id");
        String group = admin.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Payroll\",\"role_ids\":[\"" + role + "\"]}")
                .send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/rbac_groups/" + group + "/members").json("{\"user_id\":\"" + clerk.userId() + "\"}")
                .send().status()).isEqualTo(200);
        Response exported = clerk.request("GET", "/v1/payroll/export").send();
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        assertThat(exported.json().getString("export")).contains(orgId);
        JsonObject explained = admin.request("GET", "/v1/organizations/users/" + clerk.userId() + "/permissions?permission=payroll:export").send().json();
        assertThat(explained.getBoolean("granted")).isTrue();
        assertThat(explained.toString()).contains("custom role Payroll clerk through group Payroll");
        assertThat(admin.request("POST", "/v1/organizations/rbac_roles/" + role).json("{\"permissions\":[\"audit:read\"]}").send().status()).isEqualTo(200);
        assertThat(clerk.request("GET", "/v1/payroll/export").send().status()).isEqualTo(403);
        // an Admin API key acts as admin: it holds the module's permission too
        String key = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"automation\"}").send().json().getString("secret");
        assertThat(Api.request("GET", "/v1/payroll/summary").header("x-api-key", key).send().status()).isEqualTo(200);
    }
}
