package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.ErrorCode;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.WorkspaceStanding;
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
        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_RESTRICTED_DEVELOPER, EnumSet.of(WORKSPACE_READ, WORKBENCH_USE,
                USAGE_READ, COST_READ, LIMITS_READ, API_KEYS_READ, API_KEYS_MANAGE));
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

    /**
     * Whether an org role can have any access to a workspace of this kind: the Claude Code workspace needs
     * {@code claude_code:use}; every other kind is open to memberships.
     */
    public static boolean mayEnter(OrgRole role, WorkspaceKind kind) {
        return kind != WorkspaceKind.CLAUDE_CODE || ORG_PERMISSIONS.get(role).contains(CLAUDE_CODE_USE);
    }

    /** Whether a member of this org role may hold an explicit membership in a workspace of this kind (Default has no list). */
    public static boolean mayHoldMembership(OrgRole role, WorkspaceKind kind) {
        return kind != WorkspaceKind.DEFAULT && mayEnter(role, kind);
    }

    /**
     * Who appears in the member list of a workspace of {@code kind}: members whose org role may enter it
     * ({@code eligible}), with an explicit membership or with an org role in {@code implied}. Default has no list.
     */
    public record MemberListScope(Set<OrgRole> eligible, Set<OrgRole> implied) {
    }

    public static MemberListScope memberListScope(WorkspaceKind kind) {
        EnumSet<OrgRole> eligible = EnumSet.noneOf(OrgRole.class);
        EnumSet<OrgRole> implied = EnumSet.noneOf(OrgRole.class);
        for (OrgRole role : OrgRole.values()) {
            if (mayEnter(role, kind)) {
                eligible.add(role);
                if (impliedRole(role, kind).isPresent()) {
                    implied.add(role);
                }
            }
        }
        return new MemberListScope(Set.copyOf(eligible), Set.copyOf(implied));
    }

    /** The Default workspace has no member list: access there follows the org role. */
    public static boolean hasMemberList(WorkspaceKind kind) {
        return kind != WorkspaceKind.DEFAULT;
    }

    /** Only Standard workspaces can be renamed. */
    public static boolean renamable(WorkspaceKind kind) {
        return kind == WorkspaceKind.STANDARD;
    }

    /** The Default workspace cannot be archived; the others can, for good. */
    public static boolean archivable(WorkspaceKind kind) {
        return kind != WorkspaceKind.DEFAULT;
    }

    /** The Default workspace has no limits of its own. */
    public static boolean hasOwnLimits(WorkspaceKind kind) {
        return kind != WorkspaceKind.DEFAULT;
    }

    /** Keys of the Claude Code workspace are minted by Claude Code sign-in only. */
    public static boolean acceptsKeysCreatedByHand(WorkspaceKind kind) {
        return kind != WorkspaceKind.CLAUDE_CODE;
    }

    /**
     * The explicit membership a Claude Code sign-in adds for an org role: the role it holds in the Default workspace,
     * unless the org role already implies one in the Claude Code workspace (admins); empty for roles that cannot enter.
     */
    public static Optional<WorkspaceRole> claudeCodeSignInRole(OrgRole role) {
        if (!mayEnter(role, WorkspaceKind.CLAUDE_CODE) || impliedRole(role, WorkspaceKind.CLAUDE_CODE).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(defaultWorkspaceRole(role));
    }

    /** The org roles a service account may hold (roles.md, "Service accounts"). */
    public static boolean serviceAccountMayHold(OrgRole role) {
        return role == OrgRole.DEVELOPER || role == OrgRole.ADMIN;
    }

    /**
     * Whether a service account may hold an explicit membership in a workspace of this kind: not in Default (its
     * membership there is implicit and cannot be removed), never in the Claude Code workspace.
     */
    public static boolean serviceAccountMayJoin(WorkspaceKind kind) {
        return kind == WorkspaceKind.STANDARD;
    }

    /** The implicit membership every service account holds in the Default workspace. */
    public static final WorkspaceRole SERVICE_ACCOUNT_DEFAULT_ROLE = WorkspaceRole.WORKSPACE_USER;

    /**
     * A service account's effective role in a workspace: every rule of a member's effective role applies, and it never
     * enters the Claude Code workspace (it never uses Claude Code).
     */
    public static EffectiveRole serviceAccountWorkspaceRole(OrgRole role, WorkspaceKind kind, WorkspaceRole explicitRole) {
        if (kind == WorkspaceKind.CLAUDE_CODE) {
            return new EffectiveRole(null, List.of("service accounts never use Claude Code"));
        }
        EffectiveRole asMember = effectiveWorkspaceRole(role, kind, explicitRole);
        if (kind == WorkspaceKind.DEFAULT) {
            return new EffectiveRole(max(asMember.role(), SERVICE_ACCOUNT_DEFAULT_ROLE), asMember.reasons());
        }
        return asMember;
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
        if (!mayEnter(orgRole, kind)) {
            reasons.add("org role " + orgRole.value() + " does not grant " + CLAUDE_CODE_USE.value()
                    + ", without which nobody enters the Claude Code workspace, whatever memberships exist");
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

    /**
     * Org-level permissions an Admin API key never holds, although it acts as an admin (roles.md, "Admin API
     * restrictions"): it cannot manage its peers, and it is nobody who could sign in to Claude Code.
     */
    private static final Set<Permission> WITHHELD_FROM_ADMIN_API_KEYS = EnumSet.of(ADMIN_KEYS_MANAGE, CLAUDE_CODE_USE);

    /** Org-level permissions of a principal: its org role's, less what its kind of principal never holds. */
    public static Set<Permission> organizationPermissions(PrincipalKind kind, OrgRole role) {
        EnumSet<Permission> held = EnumSet.copyOf(ORG_PERMISSIONS.get(role));
        if (kind == PrincipalKind.ADMIN_API_KEY) {
            held.removeAll(WITHHELD_FROM_ADMIN_API_KEYS);
        }
        return Collections.unmodifiableSet(held);
    }

    /**
     * Every permission held for each org role × workspace kind × explicit role (index 0: none), computed once from
     * the rules above: the guard's fast path. {@link #decide} explains; this only answers.
     */
    private static final Set<Permission>[][][] HELD = held();

    @SuppressWarnings("unchecked")
    private static Set<Permission>[][][] held() {
        Set<Permission>[][][] table = new Set[OrgRole.values().length][WorkspaceKind.values().length][WorkspaceRole.values().length + 1];
        for (OrgRole orgRole : OrgRole.values()) {
            for (WorkspaceKind kind : WorkspaceKind.values()) {
                for (int explicit = 0; explicit <= WorkspaceRole.values().length; explicit++) {
                    WorkspaceRole role = explicit == 0 ? null : WorkspaceRole.values()[explicit - 1];
                    WorkspaceRole effective = effectiveWorkspaceRole(orgRole, kind, role).role();
                    table[orgRole.ordinal()][kind.ordinal()][explicit] = effective == null
                            ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(WORKSPACE_PERMISSIONS.get(effective));
                }
            }
        }
        return table;
    }

    /**
     * Whether a standing holds a permission, in {@code workspace} for workspace-level ones (null: Default): the same
     * answer as {@code decide(...).granted()}, from precomputed sets, with no reasons built. The guard asks this first
     * and calls {@link #decide} only to explain a refusal.
     */
    public static boolean holds(MemberStanding standing, Permission permission, WorkspaceStanding workspace) {
        if (permission.scope() == PermissionScope.ORGANIZATION) {
            return ORG_PERMISSIONS.get(standing.orgRole()).contains(permission)
                    && !(standing.isAdminApiKey() && WITHHELD_FROM_ADMIN_API_KEYS.contains(permission));
        }
        WorkspaceKind kind = workspace == null ? WorkspaceKind.DEFAULT : workspace.kind();
        WorkspaceRole explicit = workspace == null ? null : standing.explicitRoleIn(workspace.workspaceId());
        return HELD[standing.orgRole().ordinal()][kind.ordinal()][explicit == null ? 0 : explicit.ordinal() + 1].contains(permission);
    }

    /**
     * Decides one permission for a standing, in {@code workspace} for workspace-level ones (null: the Default
     * workspace), with the chain of reasons. This is what explain answers and what the guard says when it refuses.
     */
    public static Decision decide(MemberStanding standing, Permission permission, WorkspaceStanding workspace) {
        if (permission.scope() == PermissionScope.ORGANIZATION) {
            if (standing.isAdminApiKey() && WITHHELD_FROM_ADMIN_API_KEYS.contains(permission)) {
                return new Decision(Decision.Outcome.MISSING_PERMISSION, permission, null,
                        List.of("Admin API keys never hold " + permission.value() + " (Admin API restrictions)"));
            }
            return decideOrganization(standing.orgRole(), permission);
        }
        WorkspaceKind kind = workspace == null ? WorkspaceKind.DEFAULT : workspace.kind();
        return decideWorkspace(standing.orgRole(), kind, workspace == null ? null : standing.explicitRoleIn(workspace.workspaceId()), permission);
    }

    /** Every permission a standing holds in a workspace (null: Default), org-level ones included; empty when it cannot see it. */
    public static Set<Permission> permissionsIn(MemberStanding standing, WorkspaceStanding workspace) {
        EnumSet<Permission> held = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (holds(standing, permission, workspace)) {
                held.add(permission);
            }
        }
        return held;
    }

    /** The effective role of a standing in a workspace (null: Default), with its reasons. */
    public static EffectiveRole effectiveWorkspaceRole(MemberStanding standing, WorkspaceStanding workspace) {
        WorkspaceKind kind = workspace == null ? WorkspaceKind.DEFAULT : workspace.kind();
        return effectiveWorkspaceRole(standing.orgRole(), kind, workspace == null ? null : standing.explicitRoleIn(workspace.workspaceId()));
    }

    /**
     * Which workspaces a standing may see for a workspace-level permission: the kinds its org role grants it in by
     * itself, plus the workspaces whose explicit membership grants it. Derived from the same decision as a single
     * check, so a list never shows what the single-object read of the same caller refuses, nor hides what it allows.
     */
    public static WorkspaceScope scope(MemberStanding standing, Permission permission) {
        requireScope(permission, PermissionScope.WORKSPACE);
        EnumSet<WorkspaceKind> kinds = EnumSet.noneOf(WorkspaceKind.class);
        for (WorkspaceKind kind : WorkspaceKind.values()) {
            if (decideWorkspace(standing.orgRole(), kind, null, permission).granted()) {
                kinds.add(kind);
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        standing.memberships().forEach((workspaceId, membership) -> {
            if (!kinds.contains(membership.kind())
                    && decideWorkspace(standing.orgRole(), membership.kind(), membership.role(), permission).granted()) {
                ids.add(workspaceId);
            }
        });
        return new WorkspaceScope(permission, kinds, ids);
    }

    /**
     * The workspaces whose rows an organization-wide usage or cost report shows: those of {@link #scope}, except that
     * a principal holding {@code billing:read} sees every row, Claude Code spend included (roles.md: "admins and
     * billing see all of them"; Claude Code's documentation sends Admin and Billing to those reports).
     */
    public static WorkspaceScope reportScope(MemberStanding standing, Permission permission) {
        if (permission != USAGE_READ && permission != COST_READ) {
            throw new IllegalArgumentException(permission.value() + " is not a report permission");
        }
        if (organizationPermissions(standing.principalKind(), standing.orgRole()).contains(BILLING_READ)) {
            return new WorkspaceScope(permission, EnumSet.allOf(WorkspaceKind.class), Set.of());
        }
        return scope(standing, permission);
    }

    /** Actions that some principals may never take, whatever their role (roles.md, "Admin API restrictions"). */
    public enum RestrictedAction {
        ASSIGN_ADMIN_ROLE(ErrorCode.ADMIN_ROLE_NOT_ASSIGNABLE, "Admin API keys cannot assign the admin role."),
        CHANGE_ADMIN_ROLE(ErrorCode.ADMIN_ROLE_NOT_CHANGEABLE, "Admin API keys cannot change the role of an admin."),
        REMOVE_ADMIN(ErrorCode.ADMIN_NOT_REMOVABLE, "Admin API keys cannot remove admins."),
        CREATE_API_KEY(ErrorCode.ADMIN_API_KEY_CANNOT_CREATE_KEYS, "Admin API keys cannot create API keys.");

        private final ErrorCode code;
        private final String reason;

        RestrictedAction(ErrorCode code, String reason) {
            this.code = code;
            this.reason = reason;
        }

        /** The permission the action is taken under. */
        public Permission permission() {
            return this == CREATE_API_KEY ? API_KEYS_MANAGE : MEMBERS_MANAGE;
        }

        public ErrorCode code() {
            return code;
        }

        public String reason() {
            return reason;
        }
    }

    /** Whether a kind of principal may take a restricted action. */
    public static boolean permits(PrincipalKind kind, RestrictedAction action) {
        return kind != PrincipalKind.ADMIN_API_KEY;
    }

    /** Refuses a restricted action to a principal that may not take it, naming the permission it was taken under. */
    public static void require(PrincipalKind kind, RestrictedAction action) {
        if (!permits(kind, action)) {
            throw new dev.accessconsole.authz.api.AccessDeniedException.MissingPermission(action.code(), action.permission().value(), action.reason());
        }
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
