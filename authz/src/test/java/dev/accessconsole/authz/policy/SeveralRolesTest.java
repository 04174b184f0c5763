package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.Decision;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.GrantSource;
import dev.accessconsole.authz.api.HeldRole;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.WorkspaceStanding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * roles.md, "Several roles": a member holds their direct role and their groups' roles; permissions are the union; in
 * each workspace the implied and Default roles of every held role count and the highest wins; the Claude Code workspace
 * opens to whoever holds a role granting claude_code:use, and billing's exclusion applies to what billing implies only.
 * Expected values are written here from roles.md, not computed by the code under test.
 */
class SeveralRolesTest {

    private static HeldRole group(OrgRole role, String name) {
        return new HeldRole(role, GrantSource.group("rbacgrp_" + name, name));
    }

    private static MemberStanding standing(List<HeldRole> roles, Map<String, MemberStanding.Membership> memberships) {
        return new MemberStanding("org", PrincipalKind.USER, "user_1", roles, memberships, 0);
    }

    @Test
    void whenAUserIsInADeveloperGroupThenTheyHoldWhatADeveloperHolds() {
        MemberStanding standing = standing(List.of(HeldRole.direct(OrgRole.USER), group(OrgRole.DEVELOPER, "Engineering")), Map.of());
        assertThat(AccessPolicy.holds(standing, Permission.CLAUDE_CODE_USE, null)).isTrue();
        assertThat(AccessPolicy.holds(standing, Permission.API_KEYS_MANAGE, null)).isTrue();
        assertThat(AccessPolicy.holds(standing, Permission.MEMBERS_MANAGE, null)).isFalse();
        assertThat(AccessPolicy.effectiveWorkspaceRole(standing, null).role()).isEqualTo(WorkspaceRole.WORKSPACE_DEVELOPER);
        Decision decision = AccessPolicy.decide(standing, Permission.API_KEYS_MANAGE, null);
        assertThat(decision.sources()).containsExactly("developer through group Engineering");
        assertThat(decision.reasons()).contains("in the Default workspace, developer through group Engineering gives workspace_developer");
    }

    @Test
    void whenBillingAlsoHoldsDeveloperThenClaudeCodeOpensButBillingImpliesNothingThere() {
        WorkspaceStanding claudeCode = new WorkspaceStanding("cc", WorkspaceKind.CLAUDE_CODE, false);
        MemberStanding withoutMembership = standing(List.of(HeldRole.direct(OrgRole.BILLING), group(OrgRole.DEVELOPER, "Engineering")), Map.of());
        // developer implies nothing in the Claude Code workspace and billing's implied role stops at its door
        assertThat(AccessPolicy.effectiveWorkspaceRole(withoutMembership, claudeCode).role()).isNull();
        MemberStanding withMembership = standing(withoutMembership.roles(),
                Map.of("cc", new MemberStanding.Membership(WorkspaceKind.CLAUDE_CODE, WorkspaceRole.WORKSPACE_USER)));
        assertThat(AccessPolicy.effectiveWorkspaceRole(withMembership, claudeCode).role()).isEqualTo(WorkspaceRole.WORKSPACE_USER);
        assertThat(AccessPolicy.holds(withMembership, Permission.COST_READ, claudeCode)).as("not billing's workspace_billing there").isFalse();
        // elsewhere billing's implied role and developer's Default role both count
        WorkspaceStanding standard = new WorkspaceStanding("w", WorkspaceKind.STANDARD, false);
        assertThat(AccessPolicy.effectiveWorkspaceRole(withoutMembership, standard).role()).isEqualTo(WorkspaceRole.WORKSPACE_BILLING);
        assertThat(AccessPolicy.effectiveWorkspaceRole(withoutMembership, null).role()).isEqualTo(WorkspaceRole.WORKSPACE_DEVELOPER);
        assertThat(AccessPolicy.holds(withoutMembership, Permission.BILLING_MANAGE, null)).isTrue();
    }

    @Test
    void whenAGroupCarriesAdminThenTheMemberIsWorkspaceAdminEverywhere() {
        MemberStanding standing = standing(List.of(HeldRole.direct(OrgRole.USER), group(OrgRole.ADMIN, "Admins")), Map.of());
        for (WorkspaceKind kind : WorkspaceKind.values()) {
            WorkspaceStanding workspace = kind == WorkspaceKind.DEFAULT ? null : new WorkspaceStanding("w", kind, false);
            assertThat(AccessPolicy.effectiveWorkspaceRole(standing, workspace).role()).as(kind.name()).isEqualTo(WorkspaceRole.WORKSPACE_ADMIN);
        }
        assertThat(AccessPolicy.explicitRoleChangeable(EnumSet.of(OrgRole.USER, OrgRole.ADMIN), WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_USER))
                .as("an implied membership is fixed while the group's role holds").isFalse();
    }

    @Test
    void theFastAnswerAgreesWithTheExplainedOneForEveryPairOfRolesKindAndMembership() {
        List<String> disagreements = new ArrayList<>();
        for (OrgRole own : OrgRole.values()) {
            for (OrgRole viaGroup : OrgRole.values()) {
                for (WorkspaceKind kind : WorkspaceKind.values()) {
                    for (int explicit = -1; explicit < WorkspaceRole.values().length; explicit++) {
                        WorkspaceRole role = explicit < 0 ? null : WorkspaceRole.values()[explicit];
                        WorkspaceStanding workspace = kind == WorkspaceKind.DEFAULT ? null : new WorkspaceStanding("w", kind, false);
                        MemberStanding standing = standing(List.of(HeldRole.direct(own), group(viaGroup, "G")),
                                role == null || kind == WorkspaceKind.DEFAULT ? Map.of() : Map.of("w", new MemberStanding.Membership(kind, role)));
                        for (Permission permission : Permission.builtInValues()) {
                            boolean fast = AccessPolicy.holds(standing, permission, workspace);
                            boolean explained = AccessPolicy.decide(standing, permission, workspace).granted();
                            if (fast != explained) {
                                disagreements.add(own + "+" + viaGroup + " " + kind + " " + role + " " + permission + ": " + fast + " vs " + explained);
                            }
                        }
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void whenTheHeldRolesChangeAdminThenAnAdminApiKeyIsRefused() {
        AccessPolicy.requireAdminChange(PrincipalKind.ADMIN_API_KEY, EnumSet.of(OrgRole.USER), EnumSet.of(OrgRole.DEVELOPER));
        AccessPolicy.requireAdminChange(PrincipalKind.USER, EnumSet.of(OrgRole.ADMIN), EnumSet.of(OrgRole.USER));
        assertThatThrownBy(() -> AccessPolicy.requireAdminChange(PrincipalKind.ADMIN_API_KEY, EnumSet.of(OrgRole.ADMIN), EnumSet.of(OrgRole.USER)))
                .isInstanceOfSatisfying(AccessDeniedException.MissingPermission.class, e -> assertThat(e.code()).isEqualTo("admin_role_not_changeable"));
        assertThatThrownBy(() -> AccessPolicy.requireAdminChange(PrincipalKind.ADMIN_API_KEY, EnumSet.of(OrgRole.ADMIN), null))
                .isInstanceOfSatisfying(AccessDeniedException.MissingPermission.class, e -> assertThat(e.code()).isEqualTo("admin_not_removable"));
        assertThatThrownBy(() -> AccessPolicy.requireAdminChange(PrincipalKind.ADMIN_API_KEY, EnumSet.of(OrgRole.USER), EnumSet.of(OrgRole.ADMIN)))
                .isInstanceOfSatisfying(AccessDeniedException.MissingPermission.class, e -> assertThat(e.code()).isEqualTo("admin_role_not_assignable"));
    }

    @Test
    void aProvisioningCredentialHoldsNothingOutsideScim() {
        MemberStanding scim = new MemberStanding("org", PrincipalKind.SCIM_TOKEN, "scimtok_1", List.of(), Map.of(), 0);
        for (Permission permission : Permission.builtInValues()) {
            assertThat(AccessPolicy.holds(scim, permission, null)).as(permission.value()).isFalse();
        }
    }
}
