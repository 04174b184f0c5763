package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.probe.PermissionCheckResource;
import dev.accessconsole.it.probe.ProbeApplication;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explain endpoint agrees with enforcement: for every org role, in the Default workspace, a standard workspace
 * without membership, a standard workspace with an explicit membership, and the Claude Code workspace, and for every
 * permission of the catalog, explain's answer equals what the enforcing guard does with the same person's token.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExplainAgreementIT {

    private static final List<String> ROLES = List.of("user", "claude_code_user", "developer", "billing", "admin");

    @Deployment(testable = false)
    static EnterpriseArchive earWithGuardProbe() {
        WebArchive probe = ShrinkWrap.create(WebArchive.class, "check.war")
                .addClasses(ProbeApplication.class, PermissionCheckResource.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsWebInfResource(new StringAsset("<jboss-web><context-root>/probe</context-root></jboss-web>"), "jboss-web.xml");
        return Deployments.realEar().addAsModule(probe);
    }

    @Test
    void explainAndEnforcementNeverDiffer() {
        Person owner = Api.newPerson("owner");
        String orgId = Orgs.create(owner, "Agreement");
        String bare = owner.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Bare\"}").send().json().getString("id");
        String staffed = owner.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Staffed\"}").send().json().getString("id");
        Map<String, String> explicitInStaffed = Map.of("user", "workspace_admin", "claude_code_user", "workspace_user",
                "developer", "workspace_developer", "billing", "workspace_admin");

        Map<String, Person> members = new LinkedHashMap<>();
        for (String role : ROLES) {
            Person member = Orgs.join(orgId, owner, role, role);
            members.put(role, member);
            if (explicitInStaffed.containsKey(role)) {
                var added = owner.request("POST", "/v1/organizations/workspaces/" + staffed + "/members").json("{\"user_id\":\"" + member.userId()
                        + "\",\"workspace_role\":\"" + explicitInStaffed.get(role) + "\"}").send();
                assertThat(added.status()).as(added.toString()).isEqualTo(200);
            }
        }
        members.get("claude_code_user").request("POST", "/v1/organizations/claude_code/sign_in").send();
        String claudeCode = members.get("claude_code_user").request("POST", "/v1/organizations/claude_code/sign_in").send().json().getString("workspace_id");
        String defaultId = owner.request("GET", "/v1/organizations/workspaces?include_default=true").send().json().getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().filter(w -> w.getString("name").equals("Default")).findFirst().orElseThrow().getString("id");

        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (var member : members.entrySet()) {
            String token = DevTokens.forUserInOrganization(Api.devKey(), member.getValue().subject(), member.getValue().email(), orgId);
            for (String workspace : List.of(defaultId, bare, staffed, claudeCode)) {
                JsonObject explained = owner.request("GET", "/v1/organizations/users/" + member.getValue().userId() + "/permissions?workspace_id=" + workspace)
                        .send().json();
                for (JsonObject decision : explained.getJsonArray("decisions").getValuesAs(JsonObject.class)) {
                    String permission = decision.getString("permission");
                    String query = "/probe/check?permission=" + permission
                            + (decision.getString("scope").equals("workspace") ? "&workspace_id=" + workspace : "");
                    int enforced = Api.request("GET", query).bearer(token).send().status();
                    int expected = switch (decision.getString("outcome")) {
                        case "granted" -> 200;
                        case "missing_permission" -> 403;
                        default -> 404;
                    };
                    compared++;
                    if (enforced != expected || decision.getBoolean("granted") != (enforced == 200)) {
                        disagreements.add(member.getKey() + " " + permission + " in " + workspace + ": explain " + decision.getString("outcome")
                                + ", enforcement " + enforced);
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(ROLES.size() * 4 * 19);
        assertThat(disagreements).isEmpty();
    }
}
