package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.EffectiveRole;
import dev.accessconsole.authz.api.Decision;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PermissionScope;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cell of roles.md's two permission tables, and every rule under "Effective workspace role" and
 * "Consequences worth testing". The expected tables are transcribed here from roles.md by hand, not computed
 * from the code under test.
 */
class AccessPolicyMatrixTest {

    private static final List<String> ORG_ROLES = List.of("user", "claude_code_user", "developer", "billing", "admin");

    /** roles.md, org-level permissions: one row per permission, columns in ORG_ROLES order (x = granted). */
    private static final Map<String, String> ORG_TABLE = Map.ofEntries(
            Map.entry("organization:read", "x x x x x"),
            Map.entry("claude_code:use", ". x x . x"),
            Map.entry("members:manage", ". . . . x"),
            Map.entry("workspaces:create", ". . . . x"),
            Map.entry("workspaces:archive", ". . . . x"),
            Map.entry("admin_keys:manage", ". . . . x"),
            Map.entry("audit:read", ". . . . x"),
            Map.entry("access_review:read", ". . . . x"),
            Map.entry("billing:read", ". . . x x"),
            Map.entry("billing:manage", ". . . x x"));

    private static final List<String> WORKSPACE_ROLES = List.of("workspace_user", "workspace_billing", "workspace_restricted_developer",
            "workspace_developer", "workspace_admin");

    /** roles.md, workspace-level permissions, columns in WORKSPACE_ROLES order. */
    private static final Map<String, String> WORKSPACE_TABLE = Map.ofEntries(
            Map.entry("workspace:read", "x x x x x"),
            Map.entry("workbench:use", "x x x x x"),
            Map.entry("usage:read", ". x x x x"),
            Map.entry("cost:read", ". x x x x"),
            Map.entry("limits:read", ". x x x x"),
            Map.entry("api_keys:read", ". . x x x"),
            Map.entry("api_keys:manage", ". . x x x"),
            Map.entry("workspace:manage", ". . . . x"),
            Map.entry("workspace_members:manage", ". . . . x"));

    @TestFactory
    Stream<DynamicTest> everyOrganizationCell() {
        List<DynamicTest> tests = new ArrayList<>();
        ORG_TABLE.forEach((permissionName, row) -> {
            String[] cells = row.split(" ");
            for (int i = 0; i < ORG_ROLES.size(); i++) {
                String roleName = ORG_ROLES.get(i);
                boolean expected = cells[i].equals("x");
                tests.add(DynamicTest.dynamicTest(roleName + " / " + permissionName + " = " + expected, () -> {
                    Decision decision = AccessPolicy.decideOrganization(org(roleName), permission(permissionName));
                    assertThat(decision.granted()).isEqualTo(expected);
                    assertThat(decision.outcome()).isEqualTo(expected ? Decision.Outcome.GRANTED : Decision.Outcome.MISSING_PERMISSION);
                }));
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyWorkspaceCell() {
        List<DynamicTest> tests = new ArrayList<>();
        WORKSPACE_TABLE.forEach((permissionName, row) -> {
            String[] cells = row.split(" ");
            for (int i = 0; i < WORKSPACE_ROLES.size(); i++) {
                String roleName = WORKSPACE_ROLES.get(i);
                boolean expected = cells[i].equals("x");
                tests.add(DynamicTest.dynamicTest(roleName + " / " + permissionName + " = " + expected, () ->
                        assertThat(AccessPolicy.workspacePermissions(ws(roleName)).contains(permission(permissionName))).isEqualTo(expected)));
            }
        });
        return tests.stream();
    }

    @Test
    void theTablesCoverTheWholeCatalogAndNothingElse() {
        assertThat(ORG_TABLE.keySet()).containsExactlyInAnyOrderElementsOf(Permission.builtInValues().stream()
                .filter(p -> p.scope() == PermissionScope.ORGANIZATION).map(Permission::value).toList());
        assertThat(WORKSPACE_TABLE.keySet()).containsExactlyInAnyOrderElementsOf(Permission.builtInValues().stream()
                .filter(p -> p.scope() == PermissionScope.WORKSPACE).map(Permission::value).toList());
        assertThat(Arrays.stream(OrgRole.values()).map(OrgRole::value)).containsExactlyElementsOf(ORG_ROLES);
        assertThat(Arrays.stream(WorkspaceRole.values()).map(WorkspaceRole::value)).containsExactlyElementsOf(WORKSPACE_ROLES);
    }

    /**
     * Effective role for every org role × workspace kind × explicit membership. "-" means no access (404).
     * From roles.md: highest of explicit, implied (admin → admin everywhere, billing → billing except Claude Code)
     * and, in Default, the org-role role; billing never enters the Claude Code workspace; Default has no member list.
     */
    @ParameterizedTest(name = "{0} in {1} with explicit {2} → {3}")
    @CsvSource({
            // Default workspace: follows the org role, explicit memberships do not exist there
            "user,             DEFAULT, -,                   workspace_user",
            "claude_code_user, DEFAULT, -,                   workspace_user",
            "developer,        DEFAULT, -,                   workspace_developer",
            "billing,          DEFAULT, -,                   workspace_billing",
            "admin,            DEFAULT, -,                   workspace_admin",
            "user,             DEFAULT, workspace_admin,     workspace_user",
            // Standard workspace without an explicit membership
            "user,             STANDARD, -,                  -",
            "claude_code_user, STANDARD, -,                  -",
            "developer,        STANDARD, -,                  -",
            "billing,          STANDARD, -,                  workspace_billing",
            "admin,            STANDARD, -,                  workspace_admin",
            // Standard workspace with explicit memberships: the highest wins
            "user,             STANDARD, workspace_user,      workspace_user",
            "user,             STANDARD, workspace_developer, workspace_developer",
            "user,             STANDARD, workspace_admin,     workspace_admin",
            "developer,        STANDARD, workspace_user,      workspace_user",
            "developer,        STANDARD, workspace_developer, workspace_developer",
            "claude_code_user, STANDARD, workspace_admin,     workspace_admin",
            "billing,          STANDARD, workspace_user,      workspace_billing",
            "billing,          STANDARD, workspace_developer, workspace_developer",
            "billing,          STANDARD, workspace_admin,     workspace_admin",
            "admin,            STANDARD, workspace_user,      workspace_admin",
            // Claude Code workspace: admins by implication, members by sign-in, billing never
            "admin,            CLAUDE_CODE, -,                workspace_admin",
            "billing,          CLAUDE_CODE, -,                -",
            "billing,          CLAUDE_CODE, workspace_admin,  -",
            "claude_code_user, CLAUDE_CODE, -,                -",
            "claude_code_user, CLAUDE_CODE, workspace_user,   workspace_user",
            "developer,        CLAUDE_CODE, -,                -",
            "developer,        CLAUDE_CODE, workspace_developer, workspace_developer",
            "user,             CLAUDE_CODE, -,                -",
            // the Claude Code workspace needs claude_code:use: no membership opens it to user or billing
            "user,             CLAUDE_CODE, workspace_developer, -",
            "user,             CLAUDE_CODE, workspace_admin,  -",
            "claude_code_user, CLAUDE_CODE, workspace_admin,  workspace_admin",
            // workspace_restricted_developer ranks between billing and developer
            "user,             STANDARD, workspace_restricted_developer, workspace_restricted_developer",
            "billing,          STANDARD, workspace_restricted_developer, workspace_restricted_developer",
            "admin,            STANDARD, workspace_restricted_developer, workspace_admin",
            "developer,        CLAUDE_CODE, workspace_restricted_developer, workspace_restricted_developer",
    })
    void effectiveWorkspaceRole(String orgRole, WorkspaceKind kind, String explicit, String expected) {
        EffectiveRole effective = AccessPolicy.effectiveWorkspaceRole(org(orgRole), kind, explicit.equals("-") ? null : ws(explicit));
        assertThat(effective.role() == null ? "-" : effective.role().value()).isEqualTo(expected);
        assertThat(effective.reasons()).isNotEmpty();
    }

    @Test
    void workspaceRolesAreOrderedUserBillingDeveloperAdmin() {
        assertThat(WorkspaceRole.WORKSPACE_BILLING.isAtLeast(WorkspaceRole.WORKSPACE_USER)).isTrue();
        assertThat(WorkspaceRole.WORKSPACE_RESTRICTED_DEVELOPER.isAtLeast(WorkspaceRole.WORKSPACE_BILLING)).isTrue();
        assertThat(WorkspaceRole.WORKSPACE_DEVELOPER.isAtLeast(WorkspaceRole.WORKSPACE_RESTRICTED_DEVELOPER)).isTrue();
        assertThat(WorkspaceRole.WORKSPACE_ADMIN.isAtLeast(WorkspaceRole.WORKSPACE_DEVELOPER)).isTrue();
        assertThat(WorkspaceRole.WORKSPACE_USER.isAtLeast(WorkspaceRole.WORKSPACE_BILLING)).isFalse();
    }

    @Test
    void workspaceBillingIsNeverAssignable() {
        assertThat(WorkspaceRole.WORKSPACE_BILLING.assignable()).isFalse();
        assertThat(Arrays.stream(WorkspaceRole.values()).filter(WorkspaceRole::assignable))
                .containsExactly(WorkspaceRole.WORKSPACE_USER, WorkspaceRole.WORKSPACE_RESTRICTED_DEVELOPER,
                        WorkspaceRole.WORKSPACE_DEVELOPER, WorkspaceRole.WORKSPACE_ADMIN);
    }

    @Test
    void impliedMembershipsAreFixedForAdminEverywhereAndBillingOutsideClaudeCode() {
        for (WorkspaceKind kind : WorkspaceKind.values()) {
            assertThat(AccessPolicy.holdsImpliedMembership(OrgRole.ADMIN, kind)).isTrue();
            assertThat(AccessPolicy.holdsImpliedMembership(OrgRole.BILLING, kind)).isEqualTo(kind != WorkspaceKind.CLAUDE_CODE);
            for (OrgRole other : List.of(OrgRole.USER, OrgRole.CLAUDE_CODE_USER, OrgRole.DEVELOPER)) {
                assertThat(AccessPolicy.holdsImpliedMembership(other, kind)).isFalse();
            }
        }
    }

    @Test
    void demotionFallsBackToExactlyTheExplicitMemberships() {
        // an admin who was explicitly workspace_developer in W keeps that after being demoted to user
        assertThat(AccessPolicy.effectiveWorkspaceRole(OrgRole.ADMIN, WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_DEVELOPER).role())
                .isEqualTo(WorkspaceRole.WORKSPACE_ADMIN);
        assertThat(AccessPolicy.effectiveWorkspaceRole(OrgRole.USER, WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_DEVELOPER).role())
                .isEqualTo(WorkspaceRole.WORKSPACE_DEVELOPER);
        // and loses the workspaces it only held by implication
        assertThat(AccessPolicy.effectiveWorkspaceRole(OrgRole.DEVELOPER, WorkspaceKind.STANDARD, null).role()).isNull();
    }

    // --- Consequences worth testing (roles.md) ---

    @Test
    void anOrgUserSeesNoKeysUsageOrBillingUnlessAWorkspaceRoleGrantsThem() {
        assertThat(AccessPolicy.decideOrganization(OrgRole.USER, Permission.BILLING_READ).granted()).isFalse();
        for (Permission p : List.of(Permission.API_KEYS_READ, Permission.USAGE_READ, Permission.COST_READ)) {
            assertThat(AccessPolicy.decideWorkspace(OrgRole.USER, WorkspaceKind.DEFAULT, null, p).outcome())
                    .isEqualTo(Decision.Outcome.MISSING_PERMISSION);
            assertThat(AccessPolicy.decideWorkspace(OrgRole.USER, WorkspaceKind.STANDARD, null, p).outcome())
                    .isEqualTo(Decision.Outcome.NOT_VISIBLE);
            assertThat(AccessPolicy.decideWorkspace(OrgRole.USER, WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_ADMIN, p).granted()).isTrue();
        }
        assertThat(AccessPolicy.decideWorkspace(OrgRole.USER, WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_ADMIN,
                Permission.WORKSPACE_MEMBERS_MANAGE).granted()).isTrue();
    }

    @Test
    void orgBillingSeesCostUsageAndLimitsEverywhereButTheClaudeCodeWorkspace() {
        for (Permission p : List.of(Permission.USAGE_READ, Permission.COST_READ, Permission.LIMITS_READ)) {
            assertThat(AccessPolicy.decideWorkspace(OrgRole.BILLING, WorkspaceKind.DEFAULT, null, p).granted()).isTrue();
            assertThat(AccessPolicy.decideWorkspace(OrgRole.BILLING, WorkspaceKind.STANDARD, null, p).granted()).isTrue();
            assertThat(AccessPolicy.decideWorkspace(OrgRole.BILLING, WorkspaceKind.CLAUDE_CODE, null, p).outcome())
                    .isEqualTo(Decision.Outcome.NOT_VISIBLE);
        }
        assertThat(AccessPolicy.decideWorkspace(OrgRole.BILLING, WorkspaceKind.CLAUDE_CODE, null, Permission.WORKSPACE_READ).outcome())
                .isEqualTo(Decision.Outcome.NOT_VISIBLE);
        // billing never gains key rights from its implied role
        assertThat(AccessPolicy.decideWorkspace(OrgRole.BILLING, WorkspaceKind.STANDARD, null, Permission.API_KEYS_MANAGE).outcome())
                .isEqualTo(Decision.Outcome.MISSING_PERMISSION);
        assertThat(AccessPolicy.decideOrganization(OrgRole.BILLING, Permission.CLAUDE_CODE_USE).granted()).isFalse();
    }

    @Test
    void orgDeveloperManagesKeysInDefaultAndWhereItIsDeveloperOrAdminOnly() {
        assertThat(AccessPolicy.decideWorkspace(OrgRole.DEVELOPER, WorkspaceKind.DEFAULT, null, Permission.API_KEYS_MANAGE).granted()).isTrue();
        assertThat(AccessPolicy.decideWorkspace(OrgRole.DEVELOPER, WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_DEVELOPER, Permission.API_KEYS_MANAGE).granted()).isTrue();
        assertThat(AccessPolicy.decideWorkspace(OrgRole.DEVELOPER, WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_ADMIN, Permission.API_KEYS_MANAGE).granted()).isTrue();
        assertThat(AccessPolicy.decideWorkspace(OrgRole.DEVELOPER, WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_USER, Permission.API_KEYS_MANAGE).outcome())
                .isEqualTo(Decision.Outcome.MISSING_PERMISSION);
        assertThat(AccessPolicy.decideWorkspace(OrgRole.DEVELOPER, WorkspaceKind.STANDARD, null, Permission.API_KEYS_MANAGE).outcome())
                .isEqualTo(Decision.Outcome.NOT_VISIBLE);
    }

    @Test
    void orgAdminIsWorkspaceAdminEverywhere() {
        for (WorkspaceKind kind : WorkspaceKind.values()) {
            var admin = new dev.accessconsole.authz.api.MemberStanding("org", dev.accessconsole.authz.api.PrincipalKind.USER, "user_1",
                    OrgRole.ADMIN, java.util.Map.of());
            var workspace = kind == WorkspaceKind.DEFAULT ? null : new dev.accessconsole.authz.api.WorkspaceStanding("w", kind, false);
            assertThat(AccessPolicy.permissionsIn(admin, workspace)).containsAll(Permission.builtInValues());
        }
    }

    @Test
    void explanationsNameTheImpliedRule() {
        Decision decision = AccessPolicy.decideWorkspace(OrgRole.BILLING, WorkspaceKind.STANDARD, null, Permission.COST_READ);
        assertThat(decision.reasons()).contains("org role billing implies workspace_billing in every workspace except the Claude Code workspace");
        assertThat(decision.effectiveWorkspaceRole()).isEqualTo(WorkspaceRole.WORKSPACE_BILLING);
    }

    private static OrgRole org(String value) {
        return OrgRole.fromValue(value.trim()).orElseThrow();
    }

    private static WorkspaceRole ws(String value) {
        return WorkspaceRole.fromValue(value.trim()).orElseThrow();
    }

    private static Permission permission(String value) {
        return Permission.fromValue(value).orElseThrow();
    }
}
