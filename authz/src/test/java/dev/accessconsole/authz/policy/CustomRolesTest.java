package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.CustomRole;
import dev.accessconsole.authz.api.Decision;
import dev.accessconsole.authz.api.GrantSource;
import dev.accessconsole.authz.api.HeldCustomRole;
import dev.accessconsole.authz.api.HeldRole;
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

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * roles.md, "Custom roles and permissions of other modules", decided without a container: a custom role's
 * organization-level permissions hold in the organization, its workspace-level ones in Default and every standard
 * workspace and in the Claude Code workspace only with claude_code:use; a module's permission is granted by admin and
 * by custom roles that list it, by no other built-in role. The fast answer always agrees with the explained one.
 */
class CustomRolesTest {

    private static final WorkspaceStanding STANDARD = new WorkspaceStanding("wrkspc_std", WorkspaceKind.STANDARD, false);
    private static final WorkspaceStanding CLAUDE_CODE = new WorkspaceStanding("wrkspc_cc", WorkspaceKind.CLAUDE_CODE, false);
    private static final CustomRole AUDITOR = CustomRole.of("role_auditor", "Auditor",
            List.of(Permission.AUDIT_READ, Permission.ACCESS_REVIEW_READ, Permission.USAGE_READ));
    private static final Permission PAYROLL_EXPORT = Permission.declare("payroll:export", PermissionScope.ORGANIZATION, "Export the payroll", "payroll");
    private static final Permission REPORTS_BUILD = Permission.declare("reports:build", PermissionScope.WORKSPACE, "Build reports", "reports");

    private static MemberStanding standing(OrgRole direct, List<HeldCustomRole> custom, Map<String, MemberStanding.Membership> memberships) {
        return new MemberStanding("org", PrincipalKind.USER, "user_1", List.of(HeldRole.direct(direct)), custom, memberships, 0);
    }

    private static HeldCustomRole through(CustomRole role, String group) {
        return new HeldCustomRole(role, GrantSource.group("rbacgrp_" + group, group));
    }

    @Test
    void whenAUserHoldsAuditorThroughAGroupThenTheyReadTheAuditLogAndUsageAndNothingElse() {
        MemberStanding auditor = standing(OrgRole.USER, List.of(through(AUDITOR, "Compliance")), Map.of());
        assertThat(AccessPolicy.holds(auditor, Permission.AUDIT_READ, null)).isTrue();
        assertThat(AccessPolicy.holds(auditor, Permission.ACCESS_REVIEW_READ, null)).isTrue();
        assertThat(AccessPolicy.holds(auditor, Permission.USAGE_READ, null)).isTrue();
        assertThat(AccessPolicy.holds(auditor, Permission.USAGE_READ, STANDARD)).isTrue();
        assertThat(AccessPolicy.holds(auditor, Permission.MEMBERS_MANAGE, null)).isFalse();
        assertThat(AccessPolicy.holds(auditor, Permission.COST_READ, STANDARD)).isFalse();
        assertThat(AccessPolicy.holds(auditor, Permission.API_KEYS_READ, STANDARD)).isFalse();
        Decision audit = AccessPolicy.decide(auditor, Permission.AUDIT_READ, null);
        assertThat(audit.granted()).isTrue();
        assertThat(audit.sources()).containsExactly("custom role Auditor through group Compliance");
        // a standard workspace it is no member of: visible through the role (a refusal there is a 403, not a 404)
        assertThat(AccessPolicy.visible(auditor, STANDARD)).isTrue();
        assertThat(AccessPolicy.decide(auditor, Permission.COST_READ, STANDARD).outcome()).isEqualTo(Decision.Outcome.MISSING_PERMISSION);
        // lists: usage in Default and every standard workspace, never the Claude Code workspace
        WorkspaceScope usage = AccessPolicy.scope(auditor, Permission.USAGE_READ);
        assertThat(usage.kinds()).containsExactlyInAnyOrder(WorkspaceKind.DEFAULT, WorkspaceKind.STANDARD);
        assertThat(AccessPolicy.holds(auditor, Permission.USAGE_READ, CLAUDE_CODE)).isFalse();
        assertThat(AccessPolicy.decide(auditor, Permission.USAGE_READ, CLAUDE_CODE).outcome()).isEqualTo(Decision.Outcome.NOT_VISIBLE);
    }

    @Test
    void whenACustomRoleAlsoHoldsClaudeCodeUseThenItsWorkspacePermissionsReachTheClaudeCodeWorkspace() {
        CustomRole coderAuditor = CustomRole.of("role_cc", "Claude Code auditor", List.of(Permission.CLAUDE_CODE_USE, Permission.USAGE_READ));
        MemberStanding holder = standing(OrgRole.USER, List.of(through(coderAuditor, "Coders")), Map.of());
        assertThat(AccessPolicy.holds(holder, Permission.USAGE_READ, CLAUDE_CODE)).isTrue();
        assertThat(AccessPolicy.scope(holder, Permission.USAGE_READ).kinds()).contains(WorkspaceKind.CLAUDE_CODE);
        // a developer (who enters the Claude Code workspace) holding Auditor, which lacks claude_code:use: Auditor's usage:read
        // stops at that workspace's door
        MemberStanding developerAuditor = standing(OrgRole.DEVELOPER, List.of(through(AUDITOR, "Compliance")), Map.of());
        assertThat(AccessPolicy.holds(developerAuditor, Permission.USAGE_READ, CLAUDE_CODE)).isFalse();
        assertThat(AccessPolicy.holds(developerAuditor, Permission.USAGE_READ, STANDARD)).isTrue();
        assertThat(AccessPolicy.scope(developerAuditor, Permission.USAGE_READ).kinds()).doesNotContain(WorkspaceKind.CLAUDE_CODE);
    }

    @Test
    void whenAModuleDeclaresAPermissionThenAdminAndCustomRolesListingItGrantItAndNoOtherRole() {
        for (OrgRole role : OrgRole.values()) {
            MemberStanding holder = standing(role, List.of(), Map.of());
            assertThat(AccessPolicy.holds(holder, PAYROLL_EXPORT, null)).as(role.value()).isEqualTo(role == OrgRole.ADMIN);
            assertThat(AccessPolicy.holds(holder, REPORTS_BUILD, STANDARD)).as(role.value()).isEqualTo(role == OrgRole.ADMIN);
        }
        // a workspace admin by membership is not granted a module's workspace permission
        MemberStanding workspaceAdmin = standing(OrgRole.USER, List.of(),
                Map.of(STANDARD.workspaceId(), new MemberStanding.Membership(WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_ADMIN)));
        assertThat(AccessPolicy.holds(workspaceAdmin, REPORTS_BUILD, STANDARD)).isFalse();
        Decision refused = AccessPolicy.decide(workspaceAdmin, REPORTS_BUILD, STANDARD);
        assertThat(refused.outcome()).isEqualTo(Decision.Outcome.MISSING_PERMISSION);
        assertThat(String.join(" ", refused.reasons())).contains("declared by module reports");
        // a custom role listing it grants it
        CustomRole payroll = CustomRole.of("role_payroll", "Payroll clerk", List.of(PAYROLL_EXPORT));
        MemberStanding clerk = standing(OrgRole.USER, List.of(through(payroll, "Finance")), Map.of());
        assertThat(AccessPolicy.holds(clerk, PAYROLL_EXPORT, null)).isTrue();
        assertThat(AccessPolicy.decide(clerk, PAYROLL_EXPORT, null).sources()).containsExactly("custom role Payroll clerk through group Finance");
        // the admin's grant names its source too
        assertThat(AccessPolicy.decide(standing(OrgRole.ADMIN, List.of(), Map.of()), PAYROLL_EXPORT, null).sources()).containsExactly("org role admin");
    }

    @Test
    void whenAModuleRedeclaresAPermissionThenTheSameOneUnlessItConflicts() {
        assertThat(Permission.declare("payroll:export", PermissionScope.ORGANIZATION, "again", "payroll")).isSameAs(PAYROLL_EXPORT);
        assertThatThrownBy(() -> Permission.declare("payroll:export", PermissionScope.WORKSPACE, "x", "payroll"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.declare("members:manage", PermissionScope.ORGANIZATION, "x", "sneaky"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.declare("Payroll Export", PermissionScope.ORGANIZATION, "x", "payroll"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenCustomRolesAndModulePermissionsMixThenTheFastAnswerAgreesWithTheExplainedOneEverywhere() {
        CustomRole broad = CustomRole.of("role_broad", "Broad", List.of(Permission.WORKSPACE_READ, Permission.COST_READ, PAYROLL_EXPORT, REPORTS_BUILD));
        List<MemberStanding> standings = List.of(
                standing(OrgRole.USER, List.of(through(AUDITOR, "Compliance")), Map.of()),
                standing(OrgRole.DEVELOPER, List.of(through(broad, "Everything"), through(AUDITOR, "Compliance")), Map.of()),
                standing(OrgRole.BILLING, List.of(through(broad, "Everything")),
                        Map.of(STANDARD.workspaceId(), new MemberStanding.Membership(WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_DEVELOPER))),
                standing(OrgRole.ADMIN, List.of(), Map.of()));
        for (MemberStanding standing : standings) {
            for (Permission permission : Permission.values()) {
                for (WorkspaceStanding workspace : new WorkspaceStanding[]{null, STANDARD, CLAUDE_CODE}) {
                    if (permission.scope() == PermissionScope.ORGANIZATION && workspace != null) {
                        continue;
                    }
                    assertThat(AccessPolicy.holds(standing, permission, workspace))
                            .as(standing + " " + permission + " in " + workspace)
                            .isEqualTo(AccessPolicy.decide(standing, permission, workspace).granted());
                }
            }
        }
        assertThat(Set.of(Permission.values())).contains(PAYROLL_EXPORT, REPORTS_BUILD);
    }
}
