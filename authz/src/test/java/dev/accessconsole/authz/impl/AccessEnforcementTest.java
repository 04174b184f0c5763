package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessDecided;
import dev.accessconsole.authz.api.AccessDeclaration;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.authz.api.RefusalKind;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.PlatformCredential;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.RequestRefused;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceOf;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.WorkspaceStanding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard and the interceptors without a container, in the manner of Shiro's handler tests: annotated fixture
 * classes, a fake invocation, a fake lookup, a recording event. Each test is "when X then Y".
 */
class AccessEnforcementTest {

    /** Fixture: a class-level permission, a method that overrides it, a workspace-level method and a resource one. */
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    static class MembersFixture {
        String list() {
            return "members";
        }

        @AnyAuthenticatedCaller
        String whoAmI() {
            return "me";
        }

        @RequiresPermission(Permissions.API_KEYS_MANAGE)
        String createKey(@WorkspaceId String workspaceId) {
            return "key in " + workspaceId;
        }

        @RequiresPermission(Permissions.API_KEYS_READ)
        String readKey(@WorkspaceOf("api_key") String keyId) {
            return "key " + keyId;
        }

        @RequiresPermission(Permissions.ORGANIZATION_READ)
        String refusedInside() {
            throw new AccessDeniedException.MissingPermission(RefusalKind.PERMISSION, "admin_role_not_changeable", Permissions.MEMBERS_MANAGE, "a rule inside");
        }

        @PlatformCredential(PlatformCredential.SUPPORT)
        String support() {
            return "support";
        }

        @RequiresPermission(Permissions.ADMIN_KEYS_MANAGE)
        String adminKeys() {
            return "admin keys";
        }
    }

    /** Fixture: two declarations on one method. */
    static class ConflictingFixture {
        @RequiresPermission(Permissions.ORGANIZATION_READ)
        @AnyAuthenticatedCaller
        String both() {
            return "never";
        }
    }

    /** Fixture: no declaration at all. */
    static class UndeclaredFixture {
        String forgotten() {
            return "never";
        }
    }

    /** A CDI proxy is a subclass: the class declaration is still found. */
    static class ProxyOfMembersFixture extends MembersFixture {
    }

    private Fakes.World world;
    private final MembersFixture fixture = new MembersFixture();

    @BeforeEach
    void organizations() {
        world = new Fakes.World();
        member("alice", "org-a", OrgRole.ADMIN, Map.of());
        member("dave", "org-a", OrgRole.DEVELOPER, Map.of("ws-r", new MemberStanding.Membership(WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_USER)));
        member("uma", "org-a", OrgRole.USER, Map.of());
        member("bob", "org-b", OrgRole.ADMIN, Map.of());
        world.lookup.workspaces.put("org-a|ws-r", new WorkspaceStanding("ws-r", WorkspaceKind.STANDARD, false));
        world.lookup.workspaces.put("org-a|ws-s", new WorkspaceStanding("ws-s", WorkspaceKind.STANDARD, false));
        world.lookup.workspaces.put("org-b|ws-b", new WorkspaceStanding("ws-b", WorkspaceKind.STANDARD, false));
        world.lookup.resources.put("org-a|api_key|key-s", "ws-s");
        world.lookup.resources.put("org-b|api_key|key-b", "ws-b");
        world.lookup.adminKeys.put("sk-ant-admin01-a", new MemberStanding("org-a", PrincipalKind.ADMIN_API_KEY, "adminkey_1", OrgRole.ADMIN, Map.of()));
    }

    private void member(String subject, String organization, OrgRole role, Map<String, MemberStanding.Membership> memberships) {
        world.lookup.members.put("https://issuer.test|" + subject + "|" + organization,
                new MemberStanding(organization, PrincipalKind.USER, "user_" + subject, role, memberships));
    }

    private void as(String subject, String organization) {
        world.tokens.token = Fakes.token(subject);
        world.credentials.organizationId = organization;
    }

    @Test
    void whenTheCallerHoldsTheClassPermissionThenTheCallProceedsAndTheStandingIsKept() throws Exception {
        as("alice", "org-a");
        assertThat(world.call(fixture, "list")).isEqualTo("members");
        assertThat(world.context.established()).isTrue();
        assertThat(world.context.organizationId()).isEqualTo("org-a");
        assertThat(world.published).isEmpty();
    }

    @Test
    void whenEachCallIsDecidedThenEachDecisionIsPublishedOnceWithItsDeclarationOutcomeAndCodeOnly() throws Exception {
        as("alice", "org-a");
        world.call(fixture, "list");
        Fakes.World refused = world.nextRequest();
        refused.tokens.token = Fakes.token("uma");
        refused.credentials.organizationId = "org-a";
        assertThatThrownBy(() -> refused.call(fixture, "list")).isInstanceOf(AccessDeniedException.MissingPermission.class);
        Fakes.World anonymous = world.nextRequest();
        assertThatThrownBy(() -> anonymous.call(fixture, "list")).isInstanceOf(AccessDeniedException.Unauthenticated.class);

        AccessDeclaration members = new AccessDeclaration.Permissions(java.util.List.of(Permission.fromValue(Permissions.MEMBERS_MANAGE).orElseThrow()), false);
        assertThat(world.decided).containsExactly(new AccessDecided(members, AccessDecided.Outcome.ALLOWED, null));
        assertThat(refused.decided).containsExactly(new AccessDecided(members, AccessDecided.Outcome.REFUSED, "missing_permission"));
        assertThat(anonymous.decided).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AccessDecided.Outcome.REFUSED);
            assertThat(event.errorCode()).isNotBlank();
        });
    }

    @Test
    void whenNoCredentialThenUnauthenticatedAndNothingReachesTheAuditLog() {
        assertThatThrownBy(() -> world.call(fixture, "list")).isInstanceOf(AccessDeniedException.Unauthenticated.class);
        assertThat(world.published).isEmpty();
    }

    @Test
    void whenAMemberLacksThePermissionThenMissingPermissionNamingItIsPublishedOnce() {
        as("uma", "org-a");
        assertThatThrownBy(() -> world.call(fixture, "list"))
                .isInstanceOfSatisfying(AccessDeniedException.MissingPermission.class,
                        refused -> assertThat(refused.details()).containsEntry("permission", "members:manage"));
        assertThat(world.published).singleElement().satisfies(event -> {
            assertThat(event.organizationId()).isEqualTo("org-a");
            assertThat(event.permission()).isEqualTo("members:manage");
            assertThat(event.outcome()).isEqualTo("forbidden");
        });
    }

    @Test
    void whenANonMemberNamesAnOrganizationThenNotFoundAndNoRowInThatOrganizationsAuditLog() {
        as("bob", "org-a");
        assertThatThrownBy(() -> world.call(fixture, "list")).isInstanceOf(AccessDeniedException.NotVisible.class);
        assertThat(world.published).isEmpty();
    }

    @Test
    void whenTheMethodDeclaresItselfThenItOverridesTheClass() throws Exception {
        as("uma", "org-a");
        assertThat(world.call(fixture, "whoAmI")).isEqualTo("me");
    }

    @Test
    void whenCalledThroughAProxySubclassThenTheClassDeclarationStillApplies() {
        as("uma", "org-a");
        assertThatThrownBy(() -> world.call(new ProxyOfMembersFixture(), "list")).isInstanceOf(AccessDeniedException.MissingPermission.class);
    }

    @Test
    void whenTheWorkspaceIsOfAnotherOrganizationThenNotFoundLikeOneThatDoesNotExist() {
        as("alice", "org-a");
        Throwable foreign = org.assertj.core.api.Assertions.catchThrowable(() -> world.call(fixture, "createKey", "ws-b"));
        Throwable missing = org.assertj.core.api.Assertions.catchThrowable(() -> world.call(fixture, "createKey", "ws-nothing"));
        assertThat(foreign).isInstanceOf(AccessDeniedException.NotVisible.class);
        assertThat(foreign.getMessage()).isEqualTo(missing.getMessage());
        // a workspace of another organization is never written into this organization's audit log
        assertThat(world.published).allSatisfy(event -> assertThat(event.workspaceId()).isNull());
    }

    @Test
    void whenTheCallerCannotSeeTheWorkspaceThenNotFoundAndWhenItSeesItWithoutThePermissionThenForbidden() throws Exception {
        as("dave", "org-a");
        assertThatThrownBy(() -> world.call(fixture, "createKey", "ws-s")).isInstanceOf(AccessDeniedException.NotVisible.class);
        assertThatThrownBy(() -> world.call(fixture, "createKey", "ws-r")).isInstanceOf(AccessDeniedException.MissingPermission.class);
        assertThat(world.call(fixture, "createKey", (Object) null)).isEqualTo("key in null"); // Default: developer manages keys
        // both workspaces are this organization's own: the audit row may name them
        assertThat(world.published).extracting(e -> e.workspaceId()).containsExactly("ws-s", "ws-r");
    }

    @Test
    void whenABlankWorkspaceIsNamedThenItIsDecidedInTheDefaultWorkspace() throws Exception {
        as("dave", "org-a");
        assertThat(world.call(fixture, "createKey", "")).isEqualTo("key in ");
    }

    @Test
    void whenAResourceIsOfAnotherOrganizationThenTheSameNotFoundAsForNone() {
        as("alice", "org-a");
        Throwable foreign = org.assertj.core.api.Assertions.catchThrowable(() -> world.call(fixture, "readKey", "key-b"));
        Throwable missing = org.assertj.core.api.Assertions.catchThrowable(() -> world.call(fixture, "readKey", "key-zzz"));
        assertThat(foreign).isInstanceOf(AccessDeniedException.NotVisible.class);
        assertThat(foreign.getMessage()).isEqualTo(missing.getMessage()).contains("api_key");
    }

    @Test
    void whenTheGuardedCodeRefusesThenTheRefusalIsPublishedOnceWithItsPermission() {
        as("alice", "org-a");
        assertThatThrownBy(() -> world.call(fixture, "refusedInside"))
                .isInstanceOfSatisfying(RequestRefused.class, refused -> assertThat(refused.code()).isEqualTo("admin_role_not_changeable"));
        assertThat(world.published).singleElement().satisfies(event -> {
            assertThat(event.permission()).isEqualTo("members:manage");
            assertThat(event.errorCode()).isEqualTo("admin_role_not_changeable");
        });
    }

    @Test
    void whenAnAdminApiKeyAsksForAdminKeysThenForbiddenAlthoughItActsAsAnAdmin() throws Exception {
        world.credentials.apiKey = "sk-ant-admin01-a";
        assertThat(world.call(fixture, "list")).isEqualTo("members");
        assertThatThrownBy(() -> world.call(fixture, "adminKeys")).isInstanceOf(AccessDeniedException.MissingPermission.class);
    }

    @Test
    void whenAnAdminApiKeyNamesAnotherOrganizationThenNotFound() {
        world.credentials.apiKey = "sk-ant-admin01-a";
        world.credentials.organizationId = "org-b";
        assertThatThrownBy(() -> world.call(fixture, "list")).isInstanceOf(AccessDeniedException.NotVisible.class);
    }

    @Test
    void whenAPlatformTokenCallsAMemberOperationThenForbiddenAndAPersonCallsAPlatformOneThenForbiddenToo() throws Exception {
        world.tokens.token = Fakes.token("support-1", "support");
        world.credentials.organizationId = "org-a";
        assertThatThrownBy(() -> world.call(fixture, "list")).isInstanceOf(AccessDeniedException.MissingPermission.class);
        assertThatThrownBy(() -> world.call(fixture, "whoAmI")).isInstanceOf(AccessDeniedException.MissingPermission.class);
        assertThat(world.call(fixture, "support")).isEqualTo("support");
        Fakes.World person = world.nextRequest();
        person.tokens.token = Fakes.token("alice");
        assertThatThrownBy(() -> person.call(fixture, "support")).isInstanceOf(AccessDeniedException.MissingPermission.class);
    }

    @Test
    void whenSeveralDecisionsInOneRequestThenTheStandingIsLoadedOnce() throws Exception {
        as("dave", "org-a");
        world.call(fixture, "createKey", (Object) null);
        world.call(fixture, "whoAmI");
        org.assertj.core.api.Assertions.catchThrowable(() -> world.call(fixture, "createKey", "ws-r"));
        assertThat(world.lookup.standingLoads).isEqualTo(1);
    }

    @Test
    void whenDeclarationsConflictThenTheCallIsRefusedLoudlyRatherThanAllowed() {
        as("alice", "org-a");
        assertThatThrownBy(() -> world.call(new ConflictingFixture(), "both")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Conflicting");
        assertThatThrownBy(() -> world.call(new UndeclaredFixture(), "forgotten")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whenResolvedThenTheOneResolverDocumentsWhatTheInterceptorEnforces() throws Exception {
        assertThat(AccessDeclaration.of(MembersFixture.class.getDeclaredMethod("list"), MembersFixture.class).orElseThrow().documented())
                .containsExactly("members:manage");
        assertThat(AccessDeclaration.of(MembersFixture.class.getDeclaredMethod("whoAmI"), MembersFixture.class).orElseThrow().documented())
                .containsExactly("authenticated");
        assertThat(AccessDeclaration.of(MembersFixture.class.getDeclaredMethod("support"), MembersFixture.class).orElseThrow().documented())
                .containsExactly("platform:support");
        assertThat(AccessDeclaration.of(UndeclaredFixture.class.getDeclaredMethod("forgotten"), UndeclaredFixture.class)).isEmpty();
        assertThat(Permission.fromValue("members:manage")).isPresent();
    }
}
