package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PermissionScope;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.accessconsole.authz.api.Permission.*;

/**
 * The role matrix of roles.md as plain Java: the two permission tables and the effective-workspace-role rules.
 * No container, no I/O: every decision the interceptor makes, and every explanation the API gives, comes from here.
 */
public final class AccessPolicy {

    private static final Map<OrgRole, Set<Permission>> ORG_PERMISSIONS = new EnumMap<>(OrgRole.class);
    private static final Map<WorkspaceRole, Set<Permission>> WORKSPACE_PERMISSIONS = new EnumMap<>(WorkspaceRole.class);

    static {
        ORG_PERMISSIONS.put(OrgRole.USER, EnumSet.of(ORGANIZATION_READ));
        ORG_PERMISSIONS.put(OrgRole.CLAUDE_CODE_USER, EnumSet.of(ORGANIZATION_READ, CLAUDE_CODE_USE));
        ORG_PERMISSIONS.put(OrgRole.DEVELOPER, EnumSet.of(ORGANIZATION_READ, CLAUDE_CODE_USE));
        ORG_PERMISSIONS.put(OrgRole.BILLING, EnumSet.of(ORGANIZATION_READ, BILLING_READ, BILLING_MANAGE));
        ORG_PERMISSIONS.put(OrgRole.ADMIN, EnumSet.of(ORGANIZATION_READ, CLAUDE_CODE_USE, MEMBERS_MANAGE,
                WORKSPACES_CREATE, WORKSPACES_ARCHIVE, ADMIN_KEYS_MANAGE, AUDIT_READ, ACCESS_REVIEW_READ,
                BILLING_READ, BILLING_MANAGE));

        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_USER, EnumSet.of(WORKSPACE_READ, WORKBENCH_USE));
        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_BILLING, EnumSet.of(WORKSPACE_READ, WORKBENCH_USE,
                USAGE_READ, COST_READ, LIMITS_READ));
        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_DEVELOPER, EnumSet.of(WORKSPACE_READ, WORKBENCH_USE,
                USAGE_READ, COST_READ, LIMITS_READ, API_KEYS_READ, API_KEYS_MANAGE));
        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_ADMIN, EnumSet.of(WORKSPACE_READ, WORKBENCH_USE,
                USAGE_READ, COST_READ, LIMITS_READ, API_KEYS_READ, API_KEYS_MANAGE, WORKSPACE_MANAGE,
                WORKSPACE_MEMBERS_MANAGE));
    }

    private AccessPolicy() {
    }

    /** Organization-level permissions of an org role. */
    public static Set<Permission> organizationPermissions(OrgRole role) {
        return Collections.unmodifiableSet(ORG_PERMISSIONS.get(role));
    }

    /** Workspace-level permissions of a workspace role. */
    public static Set<Permission> workspacePermissions(WorkspaceRole role) {
        return Collections.unmodifiableSet(WORKSPACE_PERMISSIONS.get(role));
    }

    /** The role an org role gives in the Default workspace, which has no member list. */
    public static WorkspaceRole defaultWorkspaceRole(OrgRole role) {
        return switch (role) {
            case USER, CLAUDE_CODE_USER -> WorkspaceRole.WORKSPACE_USER;
            case DEVELOPER -> WorkspaceRole.WORKSPACE_DEVELOPER;
            case BILLING -> WorkspaceRole.WORKSPACE_BILLING;
            case ADMIN -> WorkspaceRole.WORKSPACE_ADMIN;
        };
    }

    /**
     * The role an org role implies in every workspace of a kind, if any: admin → workspace_admin everywhere,
     * billing → workspace_billing everywhere but the Claude Code workspace.
     */
    public static Optional<WorkspaceRole> impliedRole(OrgRole role, WorkspaceKind kind) {
        return switch (role) {
            case ADMIN -> Optional.of(WorkspaceRole.WORKSPACE_ADMIN);
            case BILLING -> kind == WorkspaceKind.CLAUDE_CODE ? Optional.empty() : Optional.of(WorkspaceRole.WORKSPACE_BILLING);
            default -> Optional.empty();
        };
    }

    /** True when the org role fixes the member's place in every workspace (it cannot be removed or changed there). */
    public static boolean holdsImpliedMembership(OrgRole role, WorkspaceKind kind) {
        return impliedRole(role, kind).isPresent();
    }

    /**
     * The effective role of a member with org role {@code orgRole} in a workspace of {@code kind}, where
     * {@code explicitRole} is the member's explicit membership (null when none): the highest of the explicit,
     * the implied and, in the Default workspace, the org-role-derived role. The org billing role never enters
     * the Claude Code workspace, whatever else applies.
     */
    public static EffectiveRole effectiveWorkspaceRole(OrgRole orgRole, WorkspaceKind kind, WorkspaceRole explicitRole) {
        List<String> reasons = new ArrayList<>();
        if (orgRole == OrgRole.BILLING && kind == WorkspaceKind.CLAUDE_CODE) {
            reasons.add("org role billing cannot access the Claude Code workspace");
            return new EffectiveRole(null, reasons);
        }
        WorkspaceRole best = null;
        if (explicitRole != null && kind != WorkspaceKind.DEFAULT) {
            best = explicitRole;
            reasons.add("explicit membership as " + explicitRole.value());
        }
        Optional<WorkspaceRole> implied = impliedRole(orgRole, kind);
        if (implied.isPresent()) {
            reasons.add(impliedReason(orgRole));
            best = max(best, implied.get());
        }
        if (kind == WorkspaceKind.DEFAULT) {
            WorkspaceRole fromOrgRole = defaultWorkspaceRole(orgRole);
            reasons.add("in the Default workspace, org role " + orgRole.value() + " gives " + fromOrgRole.value());
            best = max(best, fromOrgRole);
        }
        if (best == null) {
            reasons.add("not a member of this workspace, and org role " + orgRole.value() + " implies no membership in it");
        } else {
            reasons.add("effective workspace role: " + best.value());
        }
        return new EffectiveRole(best, reasons);
    }

    /** Decides an organization-level permission. */
    public static Decision decideOrganization(OrgRole orgRole, Permission permission) {
        requireScope(permission, PermissionScope.ORGANIZATION);
        boolean granted = ORG_PERMISSIONS.get(orgRole).contains(permission);
        String reason = "org role " + orgRole.value() + (granted ? " grants " : " does not grant ") + permission.value();
        return new Decision(granted ? Decision.Outcome.GRANTED : Decision.Outcome.MISSING_PERMISSION, permission, null, List.of(reason));
    }

    /** Decides a workspace-level permission in a workspace of {@code kind}, given the explicit membership (or null). */
    public static Decision decideWorkspace(OrgRole orgRole, WorkspaceKind kind, WorkspaceRole explicitRole, Permission permission) {
        requireScope(permission, PermissionScope.WORKSPACE);
        EffectiveRole effective = effectiveWorkspaceRole(orgRole, kind, explicitRole);
        List<String> reasons = new ArrayList<>(effective.reasons());
        if (effective.role() == null) {
            return new Decision(Decision.Outcome.NOT_VISIBLE, permission, null, reasons);
        }
        boolean granted = WORKSPACE_PERMISSIONS.get(effective.role()).contains(permission);
        reasons.add(effective.role().value() + (granted ? " grants " : " does not grant ") + permission.value());
        return new Decision(granted ? Decision.Outcome.GRANTED : Decision.Outcome.MISSING_PERMISSION, permission, effective.role(), reasons);
    }

    /** All permissions an org role holds in a workspace, org-level ones included; empty when it cannot see the workspace. */
    public static Set<Permission> permissionsIn(OrgRole orgRole, WorkspaceKind kind, WorkspaceRole explicitRole) {
        EffectiveRole effective = effectiveWorkspaceRole(orgRole, kind, explicitRole);
        EnumSet<Permission> result = EnumSet.copyOf(ORG_PERMISSIONS.get(orgRole));
        effective.asOptional().ifPresent(r -> result.addAll(WORKSPACE_PERMISSIONS.get(r)));
        return result;
    }

    private static String impliedReason(OrgRole orgRole) {
        return orgRole == OrgRole.ADMIN
                ? "org role admin implies workspace_admin in every workspace"
                : "org role billing implies workspace_billing in every workspace except the Claude Code workspace";
    }

    private static WorkspaceRole max(WorkspaceRole a, WorkspaceRole b) {
        if (a == null) {
            return b;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void requireScope(Permission permission, PermissionScope scope) {
        if (permission.scope() != scope) {
            throw new IllegalArgumentException(permission.value() + " is " + permission.scope() + "-level, not " + scope);
        }
    }
}
