package dev.accessconsole.it;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.organization.OrganizationInfo;
import com.anthropic.models.organization.apikeys.ApiKey;
import com.anthropic.models.organization.apikeys.ApiKeyListParams;
import com.anthropic.models.organization.apikeys.ApiKeyUpdateParams;
import com.anthropic.models.organization.invites.InviteCreateParams;
import com.anthropic.models.organization.invites.InviteListParams;
import com.anthropic.models.organization.ratelimits.OrganizationRateLimit;
import com.anthropic.models.organization.workspaces.ratelimits.RateLimitUpdateParams;
import com.anthropic.models.organization.workspaces.ratelimits.WorkspaceRateLimit;
import com.anthropic.models.organization.workspaces.ratelimits.WorkspaceRateLimitType;
import com.anthropic.models.organization.workspaces.ratelimits.WorkspaceRateLimitUpdateValue;
import com.anthropic.models.organization.serviceaccounts.ServiceAccount;
import com.anthropic.models.organization.serviceaccounts.ServiceAccountArchiveParams;
import com.anthropic.models.organization.serviceaccounts.ServiceAccountCreateParams;
import com.anthropic.models.organization.serviceaccounts.ServiceAccountListParams;
import com.anthropic.models.organization.serviceaccounts.ServiceAccountRetrieveParams;
import com.anthropic.models.organization.serviceaccounts.ServiceAccountUpdateParams;
import com.anthropic.models.organization.serviceaccounts.ServiceAccountWorkspaceMember;
import com.anthropic.models.organization.serviceaccounts.workspaces.WorkspaceAddParams;
import com.anthropic.models.organization.workspaces.AllowedInferenceGeo;
import com.anthropic.models.organization.workspaces.DataResidencyCreateConfig;
import com.anthropic.models.organization.workspaces.DataResidencyUpdateConfig;
import com.anthropic.models.organization.invites.OrganizationInvite;
import com.anthropic.models.organization.users.OrganizationUser;
import com.anthropic.models.organization.users.UserListParams;
import com.anthropic.models.organization.users.UserUpdateParams;
import com.anthropic.models.organization.workspaces.NoBillingWorkspaceRole;
import com.anthropic.models.organization.workspaces.Workspace;
import com.anthropic.models.organization.workspaces.WorkspaceCreateParams;
import com.anthropic.models.organization.workspaces.WorkspaceListParams;
import com.anthropic.models.organization.workspaces.WorkspaceMember;
import com.anthropic.models.organization.workspaces.WorkspaceRole;
import com.anthropic.models.organization.workspaces.WorkspaceUpdateParams;
import com.anthropic.models.organization.workspaces.members.MemberAddParams;
import com.anthropic.models.organization.workspaces.members.MemberListParams;
import com.anthropic.models.organization.workspaces.members.MemberRemoveParams;
import com.anthropic.models.organization.workspaces.members.MemberRetrieveParams;
import com.anthropic.models.organization.workspaces.members.MemberUpdateParams;
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
 * Wire compatibility: the official Anthropic Java client, pointed at this server with an Admin API key and with
 * response validation on, drives the Admin API end to end.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiClientIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private Person admin;
    private String orgId;
    private AnthropicClient client;

    @BeforeEach
    void organizationWithAnAdminApiKey() {
        admin = Api.newPerson("client-admin");
        orgId = Orgs.create(admin, "Client Co");
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"automation\"}").send().json().getString("secret");
        client = AnthropicOkHttpClient.builder()
                .baseUrl(Api.BASE.toString())
                .apiKey(secret)
                .responseValidation(true)
                .maxRetries(0)
                .build();
    }

    @Test
    void organizationInfo() {
        OrganizationInfo info = client.organization().retrieve();
        assertThat(info.id()).isEqualTo(orgId);
        assertThat(info.name()).isEqualTo("Client Co");
    }

    @Test
    void usersListGetUpdateRemoveWithTheAutoPager() {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            people.add(Orgs.join(orgId, admin, "user", "paged-" + i));
        }
        List<String> seen = new ArrayList<>();
        client.organization().users().list(UserListParams.builder().limit(2).build()).autoPager().forEach(u -> seen.add(u.id()));
        assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSorted();

        String bobId = people.get(0).userId();
        OrganizationUser bob = client.organization().users().retrieve(bobId);
        assertThat(bob.email()).isEqualTo(people.get(0).email());
        assertThat(bob.role().asString()).isEqualTo("user");

        OrganizationUser promoted = client.organization().users().update(UserUpdateParams.builder()
                .userId(bobId).role(UserUpdateParams.Role.DEVELOPER).build());
        assertThat(promoted.role().asString()).isEqualTo("developer");

        List<String> developers = new ArrayList<>();
        client.organization().users().list(UserListParams.builder().addRole("developer").build()).autoPager().forEach(u -> developers.add(u.id()));
        assertThat(developers).containsExactly(bobId);

        assertThat(client.organization().users().remove(bobId).id()).isEqualTo(bobId);
        assertThatThrownBy(() -> client.organization().users().retrieve(bobId))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void invitesCreateListGetDelete() {
        OrganizationInvite invite = client.organization().invites().create(InviteCreateParams.builder()
                .email("new.hire@example.com").role(InviteCreateParams.Role.DEVELOPER).build());
        assertThat(invite.status().asString()).isEqualTo("pending");
        assertThat(invite.expiresAt()).isEqualTo(invite.invitedAt().plusDays(21));

        List<String> listed = new ArrayList<>();
        client.organization().invites().list().autoPager().forEach(i -> listed.add(i.id()));
        assertThat(listed).contains(invite.id());
        assertThat(client.organization().invites().retrieve(invite.id()).email()).isEqualTo("new.hire@example.com");

        assertThat(client.organization().invites().delete(invite.id()).id()).isEqualTo(invite.id());
        assertThat(client.organization().invites().retrieve(invite.id()).status().asString()).isEqualTo("deleted");
    }

    @Test
    void invitesFilteredByStatusesAndRolesAndNoDeletedOnesByDefault() {
        String pending = client.organization().invites().create(InviteCreateParams.builder()
                .email("pending.dev@example.com").role(InviteCreateParams.Role.DEVELOPER).build()).id();
        String pendingUser = client.organization().invites().create(InviteCreateParams.builder()
                .email("pending.user@example.com").role(InviteCreateParams.Role.USER).build()).id();
        String deleted = client.organization().invites().create(InviteCreateParams.builder()
                .email("deleted.dev@example.com").role(InviteCreateParams.Role.DEVELOPER).build()).id();
        client.organization().invites().delete(deleted);
        Person accepting = Api.newPerson("accepting");
        String accepted = client.organization().invites().create(InviteCreateParams.builder()
                .email(accepting.email()).role(InviteCreateParams.Role.BILLING).build()).id();
        assertThat(accepting.request("POST", "/v1/invites/" + accepted + "/accept").send().status()).isEqualTo(200);

        assertThat(invites(InviteListParams.builder().build())).containsExactlyInAnyOrder(pending, pendingUser, accepted);
        assertThat(invites(InviteListParams.builder().addStatus(InviteListParams.Status.PENDING).build()))
                .containsExactlyInAnyOrder(pending, pendingUser);
        assertThat(invites(InviteListParams.builder().addStatus(InviteListParams.Status.of("deleted")).addStatus(InviteListParams.Status.ACCEPTED).build()))
                .containsExactlyInAnyOrder(deleted, accepted);
        assertThat(invites(InviteListParams.builder().addRole("developer").build())).containsExactly(pending);
        assertThat(invites(InviteListParams.builder().addRole("developer").addRole("user")
                .addStatus(InviteListParams.Status.PENDING).addStatus(InviteListParams.Status.of("deleted")).build()))
                .containsExactlyInAnyOrder(pending, pendingUser, deleted);
        // "revoke every pending invite" acts on pending ones only
        client.organization().invites().list(InviteListParams.builder().addStatus(InviteListParams.Status.PENDING).build())
                .autoPager().forEach(i -> client.organization().invites().delete(i.id()));
        assertThat(client.organization().invites().retrieve(accepted).status().asString()).isEqualTo("accepted");
        assertThat(client.organization().invites().retrieve(pendingUser).status().asString()).isEqualTo("deleted");
    }

    private List<String> invites(InviteListParams params) {
        List<String> ids = new ArrayList<>();
        client.organization().invites().list(params).autoPager().forEach(i -> ids.add(i.id()));
        return ids;
    }

    @Test
    void workspaceSettingsAreStoredAndEachUpdateChangesOnlyWhatItNames() {
        Workspace created = client.organization().workspaces().create(WorkspaceCreateParams.builder().name("Residency")
                .displayColor("#12ab34")
                .tags(WorkspaceCreateParams.Tags.builder().putAdditionalProperty("team", com.anthropic.core.JsonValue.from("search")).build())
                .dataResidency(DataResidencyCreateConfig.builder().workspaceGeo(DataResidencyCreateConfig.WorkspaceGeo.US)
                        .allowedInferenceGeosOfGeos(List.of(AllowedInferenceGeo.US))
                        .defaultInferenceGeo(DataResidencyCreateConfig.DefaultInferenceGeo.US).build())
                .build());
        assertThat(created.displayColor()).isEqualTo("#12AB34");
        assertThat(created.tags()._additionalProperties()).containsEntry("team", com.anthropic.core.JsonValue.from("search"));
        assertThat(created.dataResidency().defaultInferenceGeo().asString()).isEqualTo("us");
        assertThat(created.dataResidency().allowedInferenceGeos().isGeos()).isTrue();

        Workspace recolored = client.organization().workspaces().update(WorkspaceUpdateParams.builder().workspaceId(created.id())
                .displayColor("#000000").build());
        assertThat(recolored.displayColor()).isEqualTo("#000000");
        assertThat(recolored.name()).isEqualTo("Residency");
        assertThat(recolored.tags()._additionalProperties()).containsEntry("team", com.anthropic.core.JsonValue.from("search"));
        assertThat(recolored.dataResidency().defaultInferenceGeo().asString()).isEqualTo("us");

        Workspace opened = client.organization().workspaces().update(WorkspaceUpdateParams.builder().workspaceId(created.id())
                .dataResidency(DataResidencyUpdateConfig.builder().allowedInferenceGeosUnrestricted()
                        .defaultInferenceGeo(DataResidencyUpdateConfig.DefaultInferenceGeo.GLOBAL).build())
                .externalKeyId("extkey_01").build());
        assertThat(opened.dataResidency().allowedInferenceGeos().isUnrestricted()).isTrue();
        assertThat(opened.externalKeyId()).hasValue("extkey_01");
        assertThat(opened.displayColor()).isEqualTo("#000000");

        // refused updates change nothing: a default geo outside the allowed ones, a reserved tag key, a second external key
        assertThatThrownBy(() -> client.organization().workspaces().update(WorkspaceUpdateParams.builder().workspaceId(created.id())
                .dataResidency(DataResidencyUpdateConfig.builder().allowedInferenceGeosOfGeos(List.of(AllowedInferenceGeo.GLOBAL))
                        .defaultInferenceGeo(DataResidencyUpdateConfig.DefaultInferenceGeo.US).build()).name("Changed").build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.organization().workspaces().update(WorkspaceUpdateParams.builder().workspaceId(created.id())
                .tags(WorkspaceUpdateParams.Tags.builder().putAdditionalProperty("anthropic-team", com.anthropic.core.JsonValue.from("x")).build()).build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.organization().workspaces().update(WorkspaceUpdateParams.builder().workspaceId(created.id())
                .externalKeyId("extkey_02").build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        Workspace after = client.organization().workspaces().retrieve(created.id());
        assertThat(after.name()).isEqualTo("Residency");
        assertThat(after.externalKeyId()).hasValue("extkey_01");
        assertThat(after.tags()._additionalProperties()).containsOnlyKeys("team");
        assertThat(after.dataResidency().allowedInferenceGeos().isUnrestricted()).isTrue();
    }

    @Test
    void workspacesCreateListGetUpdateArchive() {
        Workspace created = client.organization().workspaces().create(WorkspaceCreateParams.builder().name("Research").build());
        assertThat(created.id()).startsWith("wrkspc_");
        assertThat(created.archivedAt()).isEmpty();

        for (int i = 0; i < 3; i++) {
            client.organization().workspaces().create(WorkspaceCreateParams.builder().name("Team " + i).build());
        }
        List<String> names = new ArrayList<>();
        client.organization().workspaces().list(WorkspaceListParams.builder().limit(2).build()).autoPager().forEach(w -> names.add(w.name()));
        assertThat(names).containsExactly("Research", "Team 0", "Team 1", "Team 2");

        List<String> withDefault = new ArrayList<>();
        client.organization().workspaces().list(WorkspaceListParams.builder().includeDefault(true).build()).autoPager().forEach(w -> withDefault.add(w.name()));
        assertThat(withDefault).contains("Default");

        Workspace renamed = client.organization().workspaces().update(WorkspaceUpdateParams.builder().workspaceId(created.id()).name("Research Lab").build());
        assertThat(renamed.name()).isEqualTo("Research Lab");
        assertThat(client.organization().workspaces().retrieve(created.id()).name()).isEqualTo("Research Lab");

        Workspace archived = client.organization().workspaces().archive(created.id());
        assertThat(archived.archivedAt()).isPresent();
        List<String> active = new ArrayList<>();
        client.organization().workspaces().list().autoPager().forEach(w -> active.add(w.id()));
        assertThat(active).doesNotContain(created.id());
        List<String> all = new ArrayList<>();
        client.organization().workspaces().list(WorkspaceListParams.builder().includeArchived(true).build()).autoPager().forEach(w -> all.add(w.id()));
        assertThat(all).contains(created.id());
    }

    @Test
    void workspaceMembersAddListGetUpdateRemove() {
        Workspace workspace = client.organization().workspaces().create(WorkspaceCreateParams.builder().name("Members").build());
        Person carol = Orgs.join(orgId, admin, "user", "carol");
        String carolId = carol.userId();

        WorkspaceMember added = client.organization().workspaces().members().add(workspace.id(), MemberAddParams.builder()
                .userId(carolId).workspaceRole(NoBillingWorkspaceRole.WORKSPACE_DEVELOPER).build());
        assertThat(added.workspaceRole().asString()).isEqualTo("workspace_developer");

        List<WorkspaceMember> members = new ArrayList<>();
        client.organization().workspaces().members().list(workspace.id(), MemberListParams.builder().limit(1).build())
                .autoPager().forEach(members::add);
        // the org admin appears by implication, carol explicitly
        assertThat(members).extracting(m -> m.userId() + "=" + m.workspaceRole().asString())
                .containsExactlyInAnyOrder(admin.userId() + "=workspace_admin", carolId + "=workspace_developer");

        WorkspaceMember fetched = client.organization().workspaces().members().retrieve(carolId,
                MemberRetrieveParams.builder().workspaceId(workspace.id()).build());
        assertThat(fetched.workspaceRole().asString()).isEqualTo("workspace_developer");

        WorkspaceMember updated = client.organization().workspaces().members().update(carolId, MemberUpdateParams.builder()
                .workspaceId(workspace.id()).workspaceRole(WorkspaceRole.WORKSPACE_ADMIN).build());
        assertThat(updated.workspaceRole().asString()).isEqualTo("workspace_admin");

        assertThat(client.organization().workspaces().members().remove(carolId, MemberRemoveParams.builder()
                .workspaceId(workspace.id()).build()).userId()).isEqualTo(carolId);
        assertThatThrownBy(() -> client.organization().workspaces().members().retrieve(carolId,
                MemberRetrieveParams.builder().workspaceId(workspace.id()).build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void serviceAccountsCreateListRetrieveUpdateArchiveAndTheirWorkspaces() {
        String defaultWorkspace = defaultWorkspaceId();
        Workspace deploys = client.organization().workspaces().create(WorkspaceCreateParams.builder().name("Deploys").build());
        ServiceAccount bot = client.organization().serviceAccounts().create(ServiceAccountCreateParams.builder()
                .name("ci-deploy-bot").description("deploys main").build());
        assertThat(bot.id()).startsWith("svcacct_");
        assertThat(bot.organizationRole().asString()).isEqualTo("developer");
        assertThat(bot.archivedAt()).isEmpty();
        for (int i = 0; i < 3; i++) {
            client.organization().serviceAccounts().create(ServiceAccountCreateParams.builder().name("bot " + i).build());
        }
        List<String> listed = new ArrayList<>();
        client.organization().serviceAccounts().list(ServiceAccountListParams.builder().limit(2).build()).autoPager().forEach(a -> listed.add(a.name()));
        assertThat(listed).containsExactly("ci-deploy-bot", "bot 0", "bot 1", "bot 2");
        assertThat(client.organization().serviceAccounts().retrieve(ServiceAccountRetrieveParams.builder().serviceAccountId(bot.id()).build()).name())
                .isEqualTo("ci-deploy-bot");
        ServiceAccount changed = client.organization().serviceAccounts().update(ServiceAccountUpdateParams.builder().serviceAccountId(bot.id())
                .description("deploys every branch").build());
        assertThat(changed.description()).hasValue("deploys every branch");
        assertThat(changed.organizationRole().asString()).isEqualTo("developer");
        // an Admin API key cannot make a service account an admin (roles.md, "Admin API restrictions")
        assertThatThrownBy(() -> client.organization().serviceAccounts().update(ServiceAccountUpdateParams.builder().serviceAccountId(bot.id())
                .organizationRole(ServiceAccountUpdateParams.OrganizationRole.ADMIN).build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));

        // workspace memberships, from both sides: the implicit Default one, an explicit one
        ServiceAccountWorkspaceMember joined = client.organization().serviceAccounts().workspaces().add(WorkspaceAddParams.builder()
                .serviceAccountId(bot.id()).workspaceId(deploys.id()).workspaceRole(NoBillingWorkspaceRole.WORKSPACE_DEVELOPER).build());
        assertThat(joined.workspaceRole().asString()).isEqualTo("workspace_developer");
        assertThat(joined.implicit()).hasValue(false);
        List<ServiceAccountWorkspaceMember> memberships = new ArrayList<>();
        client.organization().serviceAccounts().workspaces().list(com.anthropic.models.organization.serviceaccounts.workspaces.WorkspaceListParams.builder()
                .serviceAccountId(bot.id()).build()).autoPager().forEach(memberships::add);
        assertThat(memberships).extracting(m -> m.workspaceId() + "=" + m.workspaceRole().asString() + (m.implicit().orElse(false) ? " implicit" : ""))
                .containsExactly(defaultWorkspace + "=workspace_user implicit", deploys.id() + "=workspace_developer");
        List<String> inDeploys = new ArrayList<>();
        client.organization().workspaces().serviceAccounts().list(com.anthropic.models.organization.workspaces.serviceaccounts.ServiceAccountListParams.builder()
                .workspaceId(deploys.id()).build()).autoPager().forEach(m -> inDeploys.add(m.serviceAccountId()));
        assertThat(inDeploys).containsExactly(bot.id());
        ServiceAccountWorkspaceMember promoted = client.organization().workspaces().serviceAccounts().update(
                com.anthropic.models.organization.workspaces.serviceaccounts.ServiceAccountUpdateParams.builder()
                        .workspaceId(deploys.id()).serviceAccountId(bot.id()).workspaceRole(NoBillingWorkspaceRole.WORKSPACE_ADMIN).build());
        assertThat(promoted.workspaceRole().asString()).isEqualTo("workspace_admin");
        assertThat(client.organization().workspaces().serviceAccounts().retrieve(
                com.anthropic.models.organization.workspaces.serviceaccounts.ServiceAccountRetrieveParams.builder()
                        .workspaceId(defaultWorkspace).serviceAccountId(bot.id()).build()).implicit()).hasValue(true);
        // never workspace_billing, never the Default membership by hand
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + deploys.id() + "/service_accounts")
                .json("{\"service_account_id\":\"" + bot.id() + "\",\"workspace_role\":\"workspace_billing\"}").send().status()).isEqualTo(400);
        assertThat(admin.request("DELETE", "/v1/organizations/workspaces/" + defaultWorkspace + "/service_accounts/" + bot.id()).send().status()).isEqualTo(400);

        // its key verifies while it may use the workspace, and stops on the next request when removed, then when archived
        String gateway = Api.platformToken("gateway");
        var key = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"bot key\",\"workspace_id\":\"" + deploys.id()
                + "\",\"service_account_id\":\"" + bot.id() + "\"}").send().json();
        assertThat(key.getJsonObject("created_by").getString("type")).isEqualTo("service_account");
        ApiKey listedKey = client.organization().apiKeys().retrieve(key.getString("id"));
        assertThat(listedKey.principal()).hasValueSatisfying(p -> assertThat(p.asServiceAccountActor().serviceAccountId()).isEqualTo(bot.id()));
        var defaultKey = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"bot default key\",\"service_account_id\":\""
                + bot.id() + "\"}").send().json();
        String verifyKey = "{\"key\":\"" + key.getString("secret") + "\"}";
        String verifyDefault = "{\"key\":\"" + defaultKey.getString("secret") + "\"}";
        assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verifyKey).send().status()).isEqualTo(200);
        assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verifyDefault).send().status()).isEqualTo(200);
        var removed = client.organization().serviceAccounts().workspaces().remove(com.anthropic.models.organization.serviceaccounts.workspaces.WorkspaceRemoveParams.builder()
                .serviceAccountId(bot.id()).workspaceId(deploys.id()).build());
        assertThat(removed.workspaceId()).isEqualTo(deploys.id());
        assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verifyKey).send().status()).isEqualTo(401);
        assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verifyDefault).send().status()).isEqualTo(200);
        // no key in a workspace it cannot use
        assertThat(admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"nope\",\"workspace_id\":\"" + deploys.id()
                + "\",\"service_account_id\":\"" + bot.id() + "\"}").send().status()).isEqualTo(400);

        ServiceAccount archived = client.organization().serviceAccounts().archive(ServiceAccountArchiveParams.builder().serviceAccountId(bot.id()).build());
        assertThat(archived.archivedAt()).isPresent();
        assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verifyDefault).send().status()).isEqualTo(401);
        assertThat(client.organization().apiKeys().retrieve(defaultKey.getString("id")).status().asString()).isEqualTo("archived");
        List<String> active = new ArrayList<>();
        client.organization().serviceAccounts().list().autoPager().forEach(a -> active.add(a.id()));
        assertThat(active).doesNotContain(bot.id());
        List<String> all = new ArrayList<>();
        client.organization().serviceAccounts().list(ServiceAccountListParams.builder().includeArchived(true).build()).autoPager().forEach(a -> all.add(a.id()));
        assertThat(all).contains(bot.id());
        assertThatThrownBy(() -> client.organization().serviceAccounts().update(ServiceAccountUpdateParams.builder().serviceAccountId(bot.id())
                .description("again").build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void rateLimitsOfTheOrganizationAndAWorkspace() {
        Workspace workspace = client.organization().workspaces().create(WorkspaceCreateParams.builder().name("Limited").build());
        assertThat(Api.request("PUT", "/v1/support/organizations/" + orgId + "/limits").bearer(Api.platformToken("support"))
                .json("{\"requests_per_minute\":1000,\"input_tokens_per_minute\":50000}").send().status()).isEqualTo(200);

        List<OrganizationRateLimit> organization = new ArrayList<>();
        client.organization().rateLimits().list().autoPager().forEach(organization::add);
        assertThat(organization).hasSize(1);
        OrganizationRateLimit entry = organization.get(0);
        assertThat(entry.limits()).extracting(v -> v.type() + "=" + v.value())
                .containsExactlyInAnyOrder("requests_per_minute=1000", "input_tokens_per_minute=50000");
        List<OrganizationRateLimit> batches = new ArrayList<>();
        client.organization().rateLimits().list(com.anthropic.models.organization.ratelimits.RateLimitListParams.builder()
                .groupType(com.anthropic.models.organization.ratelimits.RateLimitListParams.GroupType.BATCH).build()).autoPager().forEach(batches::add);
        assertThat(batches).isEmpty();

        List<WorkspaceRateLimit> overrides = new ArrayList<>();
        client.organization().workspaces().rateLimits().list(workspace.id()).autoPager().forEach(overrides::add);
        assertThat(overrides).isEmpty();
        WorkspaceRateLimit set = client.organization().workspaces().rateLimits().update(RateLimitUpdateParams.builder()
                .workspaceId(workspace.id()).rateLimitId(entry.id())
                .addLimit(WorkspaceRateLimitUpdateValue.builder().type(WorkspaceRateLimitType.REQUESTS_PER_MINUTE).value(100L).build()).build());
        assertThat(set.limits()).extracting(v -> v.type() + "=" + v.value() + " of " + v.orgLimit().orElse(null) + " from " + v.source().isWorkspace())
                .containsExactly("requests_per_minute=100 of 1000 from true");
        List<WorkspaceRateLimit> inherited = new ArrayList<>();
        client.organization().workspaces().rateLimits().list(workspace.id(),
                com.anthropic.models.organization.workspaces.ratelimits.RateLimitListParams.builder().includeInherited(true).build())
                .autoPager().forEach(inherited::add);
        assertThat(inherited.get(0).limits()).extracting(v -> v.type() + "=" + v.value() + (v.source().isWorkspace() ? " own" : " inherited"))
                .containsExactlyInAnyOrder("requests_per_minute=100 own", "input_tokens_per_minute=50000 inherited");
        assertThat(admin.request("GET", "/v1/organizations/workspaces/" + workspace.id() + "/limits").send().json()
                .getJsonObject("limits").getJsonNumber("requests_per_minute").longValue()).isEqualTo(100);

        // never above the organization's; an unknown limiter or group is refused; null clears
        assertThatThrownBy(() -> client.organization().workspaces().rateLimits().update(RateLimitUpdateParams.builder()
                .workspaceId(workspace.id()).rateLimitId(entry.id())
                .addLimit(WorkspaceRateLimitUpdateValue.builder().type(WorkspaceRateLimitType.REQUESTS_PER_MINUTE).value(5000L).build()).build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.organization().workspaces().rateLimits().update(RateLimitUpdateParams.builder()
                .workspaceId(workspace.id()).rateLimitId("ratelimit_other")
                .addLimit(WorkspaceRateLimitUpdateValue.builder().type(WorkspaceRateLimitType.REQUESTS_PER_MINUTE).value(5L).build()).build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        WorkspaceRateLimit cleared = client.organization().workspaces().rateLimits().update(RateLimitUpdateParams.builder()
                .workspaceId(workspace.id()).rateLimitId(entry.id())
                .addLimit(WorkspaceRateLimitUpdateValue.builder().type(WorkspaceRateLimitType.REQUESTS_PER_MINUTE).value((Long) null).build()).build());
        assertThat(cleared.limits()).isEmpty();
    }

    private String defaultWorkspaceId() {
        List<Workspace> all = new ArrayList<>();
        client.organization().workspaces().list(WorkspaceListParams.builder().includeDefault(true).build()).autoPager().forEach(all::add);
        return all.stream().filter(w -> w.name().equals("Default")).findFirst().orElseThrow().id();
    }

    @Test
    void apiKeysExpireAndTheExpiredFilterFindsThem() throws InterruptedException {
        String lasting = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"lasting\"}").send().json().getString("id");
        var datedKey = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"dated\",\"expires_at\":\""
                + java.time.Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}").send().json();
        String dated = datedKey.getString("id");
        String gateway = Api.platformToken("gateway");
        String verify = "{\"key\":\"" + datedKey.getString("secret") + "\"}";
        assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verify).send().status()).isEqualTo(200);
        assertThat(client.organization().apiKeys().retrieve(dated).status().asString()).isEqualTo("active");
        assertThat(client.organization().apiKeys().retrieve(dated).expiresAt()).isPresent();
        assertThat(admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"past\",\"expires_at\":\"2020-01-01T00:00:00Z\"}")
                .send().status()).isEqualTo(400);
        Thread.sleep(4_000); // until the key's expiry has passed

        assertThat(client.organization().apiKeys().retrieve(dated).status().asString()).isEqualTo("expired");
        assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json(verify).send().status()).isEqualTo(401);
        List<String> expired = new ArrayList<>();
        client.organization().apiKeys().list(ApiKeyListParams.builder().status(ApiKeyListParams.Status.EXPIRED).build()).autoPager().forEach(k -> expired.add(k.id()));
        assertThat(expired).containsExactly(dated);
        List<String> active = new ArrayList<>();
        client.organization().apiKeys().list(ApiKeyListParams.builder().status(ApiKeyListParams.Status.ACTIVE).build()).autoPager().forEach(k -> active.add(k.id()));
        assertThat(active).contains(lasting).doesNotContain(dated);
        assertThatThrownBy(() -> client.organization().apiKeys().update(ApiKeyUpdateParams.builder().apiKeyId(dated).status(ApiKeyUpdateParams.Status.ACTIVE).build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(client.organization().apiKeys().update(ApiKeyUpdateParams.builder().apiKeyId(dated).status(ApiKeyUpdateParams.Status.ARCHIVED).build())
                .status().asString()).isEqualTo("archived");
    }

    @Test
    void apiKeysListGetUpdate() {
        Workspace workspace = client.organization().workspaces().create(WorkspaceCreateParams.builder().name("Keys").build());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(admin.request("POST", "/v1/organizations/api_keys")
                    .json("{\"name\":\"key " + i + "\",\"workspace_id\":\"" + workspace.id() + "\"}").send().json().getString("id"));
        }
        String defaultKey = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"default key\"}").send().json().getString("id");

        List<ApiKey> listed = new ArrayList<>();
        client.organization().apiKeys().list(ApiKeyListParams.builder().limit(2).build()).autoPager().forEach(listed::add);
        assertThat(listed).extracting(ApiKey::id).containsAll(created).contains(defaultKey);
        ApiKey inDefault = listed.stream().filter(k -> k.id().equals(defaultKey)).findFirst().orElseThrow();
        String defaultWorkspace = defaultWorkspaceId();
        assertThat(inDefault.scope().isWorkspace()).isTrue();
        assertThat(inDefault.scope().asWorkspace().workspaceId()).isEqualTo(defaultWorkspace);
        List<String> inDefaultListed = new ArrayList<>();
        client.organization().apiKeys().list(ApiKeyListParams.builder().workspaceId(defaultWorkspace).build()).autoPager().forEach(k -> inDefaultListed.add(k.id()));
        assertThat(inDefaultListed).containsExactly(defaultKey);
        ApiKey inWorkspaceKey = listed.stream().filter(k -> k.id().equals(created.get(0))).findFirst().orElseThrow();
        assertThat(inWorkspaceKey.scope().asWorkspace().workspaceId()).isEqualTo(workspace.id());

        List<String> inWorkspace = new ArrayList<>();
        client.organization().apiKeys().list(ApiKeyListParams.builder().workspaceId(workspace.id()).build()).autoPager().forEach(k -> inWorkspace.add(k.id()));
        assertThat(inWorkspace).containsExactlyElementsOf(created);

        ApiKey fetched = client.organization().apiKeys().retrieve(created.get(0));
        assertThat(fetched.name()).isEqualTo("key 0");
        assertThat(fetched.partialKeyHint()).hasValueSatisfying(hint -> assertThat(hint).startsWith("sk-ant-api03-").contains("..."));

        ApiKey updated = client.organization().apiKeys().update(ApiKeyUpdateParams.builder()
                .apiKeyId(created.get(0)).name("renamed").status(ApiKeyUpdateParams.Status.INACTIVE).build());
        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(updated.status().asString()).isEqualTo("inactive");

        List<String> inactive = new ArrayList<>();
        client.organization().apiKeys().list(ApiKeyListParams.builder().status(ApiKeyListParams.Status.INACTIVE).build()).autoPager().forEach(k -> inactive.add(k.id()));
        assertThat(inactive).containsExactly(created.get(0));
    }
}
