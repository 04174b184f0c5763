package dev.accessconsole.it;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.beta.organization.rbacgroups.BetaDeletedRbacGroup;
import com.anthropic.models.beta.organization.rbacgroups.BetaRbacGroup;
import com.anthropic.models.beta.organization.rbacgroups.BetaRbacGroupNotFoundException;
import com.anthropic.models.beta.organization.rbacgroups.RbacGroupCreateParams;
import com.anthropic.models.beta.organization.rbacgroups.RbacGroupListParams;
import com.anthropic.models.beta.organization.rbacgroups.RbacGroupUpdateParams;
import com.anthropic.models.beta.organization.rbacgroups.members.BetaDeletedRbacGroupMember;
import com.anthropic.models.beta.organization.rbacgroups.members.BetaRbacGroupMember;
import com.anthropic.models.beta.organization.rbacgroups.members.MemberAddParams;
import com.anthropic.models.beta.organization.rbacgroups.members.MemberListParams;
import com.anthropic.models.beta.organization.rbacgroups.members.MemberRemoveParams;
import com.anthropic.models.beta.organization.rbacroles.BetaRbacRole;
import com.anthropic.models.beta.organization.rbacroles.RbacRoleListParams;
import com.anthropic.models.beta.organization.rbacroles.permissions.BetaRbacRolePermission;
import com.anthropic.models.beta.organization.users.BetaCannotSignOutPrivilegedMemberException;
import com.anthropic.models.beta.organization.users.BetaOrganizationUser;
import com.anthropic.models.organization.RbacRoleNotFoundException;
import dev.accessconsole.it.Api.Person;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official client 3.14.0, response validation on, drives {@code rbac_groups} (create, list, update, delete, members
 * add, list and remove), {@code rbac_roles} (the built-in roles and their permissions) and {@code users/{id}/sign_out}
 * against the server, with an Admin API key; what a group carries changes what its members may do at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GroupsClientIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private Person admin;
    private String orgId;
    private AnthropicClient client;

    @BeforeEach
    void organizationWithAnAdminApiKey() {
        admin = Api.newPerson("groups-admin");
        orgId = Orgs.create(admin, "Groups Co");
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"idp-sync\"}").send().json().getString("secret");
        client = AnthropicOkHttpClient.builder().baseUrl(Api.BASE.toString()).apiKey(secret).responseValidation(true).maxRetries(0).build();
    }

    @Test
    void groupsAndTheirMembersWithTheOfficialClient() {
        Person member = Orgs.join(orgId, admin, "user", "grouped");
        String memberId = member.userId();
        assertThat(createKey(member).status()).as("an org user creates no key").isEqualTo(403);

        BetaRbacGroup group = client.beta().organization().rbacGroups().create(RbacGroupCreateParams.builder().name("Engineering")
                .putAdditionalBodyProperty("role_ids", JsonValue.from(List.of("role_developer"))).build());
        assertThat(group.name()).isEqualTo("Engineering");
        assertThat(group.sourceType()).isEqualTo(BetaRbacGroup.SourceType.DIRECT);
        assertThat(group.roleIds()).contains(List.of("role_developer"));
        for (int i = 0; i < 3; i++) {
            client.beta().organization().rbacGroups().create(RbacGroupCreateParams.builder().name("Paged " + i).build());
        }
        List<String> listed = new ArrayList<>();
        client.beta().organization().rbacGroups().list(RbacGroupListParams.builder().limit(2).build()).autoPager()
                .forEach(g -> listed.add(g.id()));
        assertThat(listed).hasSize(4).doesNotHaveDuplicates().contains(group.id());

        BetaRbacGroup renamed = client.beta().organization().rbacGroups().update(RbacGroupUpdateParams.builder()
                .rbacGroupId(group.id()).name("Platform Engineering").build());
        assertThat(renamed.name()).isEqualTo("Platform Engineering");
        assertThat(renamed.roleIds()).contains(List.of("role_developer"));

        BetaRbacGroupMember added = client.beta().organization().rbacGroups().members().add(group.id(),
                MemberAddParams.builder().userId(memberId).build());
        assertThat(added.userId()).isEqualTo(memberId);
        assertThat(added.email()).isEqualTo(member.email());
        assertThat(added.rbacGroupId()).isEqualTo(group.id());
        assertThat(createKey(member).status()).as("a developer through the group creates keys").isEqualTo(200);

        List<String> members = new ArrayList<>();
        client.beta().organization().rbacGroups().members().list(group.id(), MemberListParams.builder().limit(10).build()).autoPager()
                .forEach(m -> members.add(m.userId()));
        assertThat(members).containsExactly(memberId);

        BetaDeletedRbacGroupMember removed = client.beta().organization().rbacGroups().members().remove(memberId,
                MemberRemoveParams.builder().rbacGroupId(group.id()).build());
        assertThat(removed.userId()).isEqualTo(memberId);
        assertThat(createKey(member).status()).as("out of the group, no more keys").isEqualTo(403);

        BetaDeletedRbacGroup deleted = client.beta().organization().rbacGroups().delete(group.id());
        assertThat(deleted.id()).isEqualTo(group.id());
        assertThatThrownBy(() -> client.beta().organization().rbacGroups().retrieve(group.id()))
                .isInstanceOf(BetaRbacGroupNotFoundException.class);
    }

    @Test
    void theBuiltInRolesAndTheirPermissions() {
        List<BetaRbacRole> roles = new ArrayList<>();
        client.beta().organization().rbacRoles().list(RbacRoleListParams.builder().limit(2).build()).autoPager().forEach(roles::add);
        assertThat(roles).extracting(BetaRbacRole::id)
                .containsExactly("role_user", "role_claude_code_user", "role_developer", "role_billing", "role_admin");
        assertThat(roles).allSatisfy(r -> assertThat(r.source().isBuiltIn()).isTrue());

        List<String> billing = new ArrayList<>();
        client.beta().organization().rbacRoles().permissions().list("role_billing").autoPager().forEach(p -> {
            assertThat(p.resource().asOrganization().organizationId()).isEqualTo(orgId);
            billing.add(p.action());
        });
        // roles.md's organization-level table, column billing
        assertThat(billing).containsExactlyInAnyOrder("organization:read", "billing:read", "billing:manage");
        List<BetaRbacRolePermission> admin = new ArrayList<>();
        client.beta().organization().rbacRoles().permissions().list("role_admin").autoPager().forEach(admin::add);
        assertThat(admin).hasSize(10);

        assertThat(client.beta().organization().rbacRoles().retrieve("role_developer").displayName()).isEqualTo("Developer");
        assertThatThrownBy(() -> client.organization().rbacRoles().retrieve("role_nobody")).isInstanceOf(RbacRoleNotFoundException.class);
    }

    @Test
    void signingAMemberOutEndsTheirEarlierTokens() throws Exception {
        Person member = Orgs.join(orgId, admin, "developer", "signed-out");
        String memberId = member.userId();
        assertThat(member.request("GET", "/v1/organizations/me").send().status()).isEqualTo(200);
        Thread.sleep(1100); // iat has whole seconds: the earlier token is of an earlier second than the sign-out

        BetaOrganizationUser signedOut = client.beta().organization().users().signOut(memberId);
        assertThat(signedOut.id()).isEqualTo(memberId);
        Api.Response refused = member.request("GET", "/v1/organizations/me").send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.errorType()).isEqualTo("authentication_error");

        // a token issued after the sign-out (a new sign-in) works again
        Thread.sleep(1100);
        String fresh = DevTokens.forUser(Api.devKey(), member.subject(), member.email(), "again");
        assertThat(Api.request("GET", "/v1/organizations/me").bearer(fresh).send().status()).isEqualTo(200);

        // an Admin API key never signs out an admin; nobody signs themselves out
        String adminId = admin.userId();
        assertThatThrownBy(() -> client.beta().organization().users().signOut(adminId))
                .isInstanceOf(BetaCannotSignOutPrivilegedMemberException.class);
        Api.Response self = admin.request("POST", "/v1/organizations/users/" + adminId + "/sign_out").send();
        assertThat(self.status()).as(self.toString()).isEqualTo(400);
        assertThat(self.errorCode()).isEqualTo("cannot_sign_out_self");
        assertThatThrownBy(() -> client.beta().organization().users().signOut("user_nobody"))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    private Api.Response createKey(Person member) {
        return member.request("POST", "/v1/organizations/api_keys").org(orgId).json("{\"name\":\"mine\"}").send();
    }
}
