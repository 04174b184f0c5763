package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero staleness (roles.md: a role change holds on the very next request): each change that can alter a standing is
 * enforced on the next request of the caller it affects, right after that caller was allowed (so whatever it may have
 * warmed is in place): a role change, a removal, a workspace-membership change, an API key archive, a workspace
 * archive, an Admin API key revocation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StalenessIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private final String gateway = Api.platformToken("gateway");
    private Person admin;
    private String orgId;

    @BeforeEach
    void organization() {
        admin = Api.newPerson("stale-admin");
        orgId = Orgs.create(admin, "Staleness");
    }

    private static void warm(Person person, String method, String path, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(person.request(method, path).send().status()).isEqualTo(200);
        }
    }

    @Test
    void whenTheRoleChangesThenTheVeryNextRequestIsDecidedWithTheNewRole() {
        Person member = Orgs.join(orgId, admin, "admin", "demoted");
        warm(member, "GET", "/v1/organizations/users", 5);
        assertThat(admin.request("POST", "/v1/organizations/users/" + member.userId()).json("{\"role\":\"developer\"}").send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/users").send().status()).isEqualTo(403);
        assertThat(admin.request("POST", "/v1/organizations/users/" + member.userId()).json("{\"role\":\"admin\"}").send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/users").send().status()).isEqualTo(200);
    }

    @Test
    void whenTheMemberIsRemovedThenTheVeryNextRequestIsNotFound() {
        Person member = Orgs.join(orgId, admin, "developer", "removed");
        warm(member, "GET", "/v1/organizations/me", 5);
        assertThat(admin.request("DELETE", "/v1/organizations/users/" + member.userId()).send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/me").org(orgId).send().status()).isEqualTo(404);
    }

    @Test
    void whenAWorkspaceMembershipChangesThenTheVeryNextRequestFollowsIt() {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Stale\"}").send().json().getString("id");
        Person member = Orgs.join(orgId, admin, "user", "ws-member");
        String path = "/v1/organizations/workspaces/" + workspace + "/members/" + member.userId();
        admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members")
                .json("{\"user_id\":\"" + member.userId() + "\",\"workspace_role\":\"workspace_admin\"}").send();
        warm(member, "GET", "/v1/organizations/workspaces/" + workspace + "/limits", 5);
        assertThat(admin.request("POST", path).json("{\"workspace_role\":\"workspace_user\"}").send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/workspaces/" + workspace + "/limits").send().status()).isEqualTo(403);
        assertThat(admin.request("DELETE", path).send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/workspaces/" + workspace).send().status()).isEqualTo(404);
    }

    @Test
    void whenAKeyOrItsWorkspaceIsArchivedThenTheVeryNextVerificationRefusesIt() {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Keys\"}").send().json().getString("id");
        for (boolean archiveWorkspace : new boolean[]{false, true}) {
            var key = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"" + workspace + "\"}").send().json();
            String verify = "{\"key\":\"" + key.getString("secret") + "\"}";
            for (int i = 0; i < 5; i++) {
                assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verify).send().status()).isEqualTo(200);
            }
            Response archived = archiveWorkspace
                    ? admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/archive").send()
                    : admin.request("POST", "/v1/organizations/api_keys/" + key.getString("id")).json("{\"status\":\"archived\"}").send();
            assertThat(archived.status()).isEqualTo(200);
            assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verify).send().status()).isEqualTo(401);
        }
    }

    @Test
    void whenAnAdminApiKeyIsRevokedThenTheVeryNextRequestIsUnauthenticated() {
        var created = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"stale\"}").send().json();
        String secret = created.getString("secret");
        for (int i = 0; i < 5; i++) {
            assertThat(Api.request("GET", "/v1/organizations/users").header("x-api-key", secret).send().status()).isEqualTo(200);
        }
        assertThat(admin.request("POST", "/v1/organizations/admin_keys/" + created.getString("id")).send().status()).isEqualTo(200);
        assertThat(Api.request("GET", "/v1/organizations/users").header("x-api-key", secret).send().status()).isEqualTo(401);
    }

    /** The organizations a caller belongs to are cached too: a request that names none follows a join or a leave at once. */
    @Test
    void whenAPersonJoinsOrLeavesASecondOrganizationThenTheVeryNextRequestNamingNoneFollowsIt() {
        Person member = Orgs.join(orgId, admin, "developer", "two-orgs");
        warm(member, "GET", "/v1/organizations/me", 5);
        Person other = Api.newPerson("other-admin");
        String otherOrg = Orgs.create(other, "Other");
        String invite = other.request("POST", "/v1/organizations/invites").org(otherOrg)
                .json("{\"email\":\"" + member.email() + "\",\"role\":\"user\"}").send().json().getString("id");
        assertThat(member.request("POST", "/v1/invites/" + invite + "/accept").send().status()).isEqualTo(200);
        Response ambiguous = member.request("GET", "/v1/organizations/me").send();
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.errorCode()).isEqualTo("organization_required");
        assertThat(other.request("DELETE", "/v1/organizations/users/" + member.userId()).org(otherOrg).send().status()).isEqualTo(200);
        Response single = member.request("GET", "/v1/organizations/me").send();
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.json().getString("id")).isEqualTo(orgId);
    }

    /** A member removed and invited back holds the new role on the next request, not the one cached before. */
    @Test
    void whenARemovedMemberIsInvitedBackThenTheVeryNextRequestHoldsTheNewRole() {
        Person member = Orgs.join(orgId, admin, "admin", "returning");
        warm(member, "GET", "/v1/organizations/users", 5);
        assertThat(admin.request("DELETE", "/v1/organizations/users/" + member.userId()).send().status()).isEqualTo(200);
        String invite = admin.request("POST", "/v1/organizations/invites")
                .json("{\"email\":\"" + member.email() + "\",\"role\":\"user\"}").send().json().getString("id");
        assertThat(member.request("POST", "/v1/invites/" + invite + "/accept").send().status()).isEqualTo(200);
        assertThat(member.request("GET", "/v1/organizations/users").org(orgId).send().status()).isEqualTo(403);
        assertThat(member.request("GET", "/v1/organizations/me").org(orgId).send().status()).isEqualTo(200);
    }
}
