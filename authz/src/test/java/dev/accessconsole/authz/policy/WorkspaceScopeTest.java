package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.RestrictedAction;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PermissionScope;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.WorkspaceStanding;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * List scopes come from the same decision as single checks: for every org role × every explicit role (none included)
 * × every workspace kind × every workspace-level permission, a workspace is in the scope exactly when a single
 * decision there grants the permission. And the four documented shapes occur where roles.md says.
 */
class WorkspaceScopeTest {

    @Test
    void whenAWorkspaceIsInTheScopeThenTheSingleDecisionGrantsItAndViceVersa() {
        int checked = 0;
        for (OrgRole orgRole : OrgRole.values()) {
            Map<String, MemberStanding.Membership> memberships = new HashMap<>();
            for (WorkspaceKind kind : EnumSet.of(WorkspaceKind.STANDARD, WorkspaceKind.CLAUDE_CODE)) {
                for (WorkspaceRole role : WorkspaceRole.values()) {
                    memberships.put(kind + "-" + role, new MemberStanding.Membership(kind, role));
                }
            }
            MemberStanding standing = new MemberStanding("org", PrincipalKind.USER, "user_1", orgRole, memberships);
            for (Permission permission : Permission.builtInValues().stream().filter(p -> p.scope() == PermissionScope.WORKSPACE).toList()) {
                WorkspaceScope scope = AccessPolicy.scope(standing, permission);
                for (WorkspaceKind kind : WorkspaceKind.values()) {
                    for (String id : candidates(kind)) {
                        WorkspaceStanding workspace = new WorkspaceStanding(id, kind, false);
                        boolean granted = AccessPolicy.decide(standing, permission, kind == WorkspaceKind.DEFAULT ? null : workspace).granted();
                        // the guard's fast path answers exactly as the explained decision
                        assertThat(AccessPolicy.holds(standing, permission, kind == WorkspaceKind.DEFAULT ? null : workspace))
                                .as("holds = decide for " + orgRole + " " + permission + " in " + id).isEqualTo(granted);
                        assertThat(scope.includes(kind, id)).as(orgRole + " " + permission + " in " + id).isEqualTo(granted);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    private static Set<String> candidates(WorkspaceKind kind) {
        if (kind == WorkspaceKind.DEFAULT) {
            return Set.of("default");
        }
        Set<String> ids = new java.util.HashSet<>();
        ids.add(kind + "-none");
        for (WorkspaceRole role : WorkspaceRole.values()) {
            ids.add(kind + "-" + role);
        }
        return ids;
    }

    @Test
    void whenAdminThenAllWhenBillingThenAllButClaudeCodeWhenUserWithoutRolesThenNone() {
        assertThat(AccessPolicy.scope(standing(OrgRole.ADMIN, Map.of()), Permission.USAGE_READ).isAll()).isTrue();
        WorkspaceScope billing = AccessPolicy.scope(standing(OrgRole.BILLING, Map.of()), Permission.COST_READ);
        assertThat(billing.kinds()).containsExactlyInAnyOrder(WorkspaceKind.DEFAULT, WorkspaceKind.STANDARD);
        assertThat(AccessPolicy.scope(standing(OrgRole.USER, Map.of()), Permission.API_KEYS_READ).isNone()).isTrue();
    }

    @Test
    void whenDeveloperWithAnExplicitRoleThenDefaultPlusThatWorkspace() {
        WorkspaceScope scope = AccessPolicy.scope(standing(OrgRole.DEVELOPER, Map.of(
                "w1", new MemberStanding.Membership(WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_RESTRICTED_DEVELOPER),
                "w2", new MemberStanding.Membership(WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_USER))), Permission.API_KEYS_READ);
        assertThat(scope.kinds()).containsExactly(WorkspaceKind.DEFAULT);
        assertThat(scope.workspaceIds()).containsExactly("w1");
    }

    @Test
    void whenAnOrgUserHoldsAClaudeCodeMembershipThenItGrantsNothing() {
        WorkspaceScope scope = AccessPolicy.scope(standing(OrgRole.USER, Map.of(
                "cc", new MemberStanding.Membership(WorkspaceKind.CLAUDE_CODE, WorkspaceRole.WORKSPACE_DEVELOPER))), Permission.API_KEYS_MANAGE);
        assertThat(scope.isNone()).isTrue();
    }

    @Test
    void whenAnAdminApiKeyThenAdminKeysAndClaudeCodeAreWithheld() {
        MemberStanding key = new MemberStanding("org", PrincipalKind.ADMIN_API_KEY, "adminkey_1", OrgRole.ADMIN, Map.of());
        for (Permission permission : Permission.builtInValues()) {
            assertThat(AccessPolicy.holds(key, permission, null)).as(permission.value()).isEqualTo(AccessPolicy.decide(key, permission, null).granted());
        }
        assertThat(AccessPolicy.decide(key, Permission.ADMIN_KEYS_MANAGE, null).granted()).isFalse();
        assertThat(AccessPolicy.decide(key, Permission.CLAUDE_CODE_USE, null).granted()).isFalse();
        assertThat(AccessPolicy.decide(key, Permission.MEMBERS_MANAGE, null).granted()).isTrue();
        assertThat(AccessPolicy.permits(PrincipalKind.ADMIN_API_KEY, RestrictedAction.CHANGE_ADMIN_ROLE)).isFalse();
        assertThat(AccessPolicy.permits(PrincipalKind.USER, RestrictedAction.CHANGE_ADMIN_ROLE)).isTrue();
    }

    @Test
    void whenTheOrgRoleLacksClaudeCodeUseThenNoMembershipThereIsPossible() {
        assertThat(AccessPolicy.mayHoldMembership(java.util.EnumSet.of(OrgRole.USER), WorkspaceKind.CLAUDE_CODE)).isFalse();
        assertThat(AccessPolicy.mayHoldMembership(java.util.EnumSet.of(OrgRole.BILLING), WorkspaceKind.CLAUDE_CODE)).isFalse();
        assertThat(AccessPolicy.mayHoldMembership(java.util.EnumSet.of(OrgRole.DEVELOPER), WorkspaceKind.CLAUDE_CODE)).isTrue();
        assertThat(AccessPolicy.mayHoldMembership(java.util.EnumSet.of(OrgRole.ADMIN), WorkspaceKind.DEFAULT)).isFalse();
        assertThat(AccessPolicy.memberListScope(WorkspaceKind.CLAUDE_CODE).eligible())
                .containsExactlyInAnyOrder(OrgRole.CLAUDE_CODE_USER, OrgRole.DEVELOPER, OrgRole.ADMIN);
        assertThat(AccessPolicy.claudeCodeSignInRole(OrgRole.DEVELOPER)).contains(WorkspaceRole.WORKSPACE_DEVELOPER);
        assertThat(AccessPolicy.claudeCodeSignInRole(OrgRole.CLAUDE_CODE_USER)).contains(WorkspaceRole.WORKSPACE_USER);
        assertThat(AccessPolicy.claudeCodeSignInRole(OrgRole.ADMIN)).isEmpty();
    }

    private static MemberStanding standing(OrgRole role, Map<String, MemberStanding.Membership> memberships) {
        return new MemberStanding("org", PrincipalKind.USER, "user_1", role, memberships);
    }
}
