package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.HeldCustomRole;
import dev.accessconsole.authz.api.CustomRole;
import dev.accessconsole.authz.api.RestrictedAction;
import dev.accessconsole.authz.api.MemberListScope;
import dev.accessconsole.authz.api.EffectiveRole;
import dev.accessconsole.authz.api.Decision;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.RefusalKind;
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

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static dev.accessconsole.authz.api.Permission.*;

/**
 * The role matrix of roles.md as plain Java: the two permission tables, the effective-workspace-role rules, and how
 * several held roles combine (a member's direct role and the roles of their groups: permissions are the union; in each
 * workspace the implied and Default roles of every held role count and the highest wins; the Claude Code workspace opens
 * to whoever holds a role that grants {@code claude_code:use}, and billing's exclusion from it applies to what billing
 * implies only). No container, no I/O: every decision the interceptor makes, and every explanation the API gives, comes
 * from here.
 */
public final class AccessPolicy {

    private static final Map<OrgRole, Set<Permission>> ORG_PERMISSIONS = new EnumMap<>(OrgRole.class);
    private static final Map<WorkspaceRole, Set<Permission>> WORKSPACE_PERMISSIONS = new EnumMap<>(WorkspaceRole.class);

    static {
        ORG_PERMISSIONS.put(OrgRole.USER, ordered(ORGANIZATION_READ));
        ORG_PERMISSIONS.put(OrgRole.CLAUDE_CODE_USER, ordered(ORGANIZATION_READ, CLAUDE_CODE_USE));
        ORG_PERMISSIONS.put(OrgRole.DEVELOPER, ordered(ORGANIZATION_READ, CLAUDE_CODE_USE));
        ORG_PERMISSIONS.put(OrgRole.BILLING, ordered(ORGANIZATION_READ, BILLING_READ, BILLING_MANAGE));
        ORG_PERMISSIONS.put(OrgRole.ADMIN, ordered(ORGANIZATION_READ, CLAUDE_CODE_USE, MEMBERS_MANAGE,
                WORKSPACES_CREATE, WORKSPACES_ARCHIVE, ADMIN_KEYS_MANAGE, AUDIT_READ, ACCESS_REVIEW_READ,
                BILLING_READ, BILLING_MANAGE));

        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_USER, ordered(WORKSPACE_READ, WORKBENCH_USE));
        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_BILLING, ordered(WORKSPACE_READ, WORKBENCH_USE,
                USAGE_READ, COST_READ, LIMITS_READ));
        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_RESTRICTED_DEVELOPER, ordered(WORKSPACE_READ, WORKBENCH_USE,
                USAGE_READ, COST_READ, LIMITS_READ, API_KEYS_READ, API_KEYS_MANAGE));
        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_DEVELOPER, ordered(WORKSPACE_READ, WORKBENCH_USE,
                USAGE_READ, COST_READ, LIMITS_READ, API_KEYS_READ, API_KEYS_MANAGE));
        WORKSPACE_PERMISSIONS.put(WorkspaceRole.WORKSPACE_ADMIN, ordered(WORKSPACE_READ, WORKBENCH_USE,
                USAGE_READ, COST_READ, LIMITS_READ, API_KEYS_READ, API_KEYS_MANAGE, WORKSPACE_MANAGE,
                WORKSPACE_MEMBERS_MANAGE));
    }

    private AccessPolicy() {
    }

    /** Permissions in catalog order. */
    private static Set<Permission> ordered(Permission... permissions) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(List.of(permissions)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The tables, one role at a time

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

    /** Whether an org role by itself may enter a workspace of this kind (the Claude Code workspace needs {@code claude_code:use}). */
    public static boolean mayEnter(OrgRole role, WorkspaceKind kind) {
        return kind != WorkspaceKind.CLAUDE_CODE || ORG_PERMISSIONS.get(role).contains(CLAUDE_CODE_USE);
    }

    /** True when the org role fixes the member's place in every workspace of the kind. */
    public static boolean holdsImpliedMembership(OrgRole role, WorkspaceKind kind) {
        return impliedRole(role, kind).isPresent();
    }

    /** The effective role of a member holding one org role (see {@link #effectiveWorkspaceRole(Collection, WorkspaceKind, WorkspaceRole)}). */
    public static EffectiveRole effectiveWorkspaceRole(OrgRole orgRole, WorkspaceKind kind, WorkspaceRole explicitRole) {
        return effectiveWorkspaceRole(List.of(HeldRole.direct(orgRole)), kind, explicitRole);
    }

    /** Decides an organization-level permission for one org role. */
    public static Decision decideOrganization(OrgRole orgRole, Permission permission) {
        return decideOrganization(List.of(HeldRole.direct(orgRole)), permission);
    }

    /** Decides a workspace-level permission for one org role in a workspace of {@code kind}, given the explicit membership (or null). */
    public static Decision decideWorkspace(OrgRole orgRole, WorkspaceKind kind, WorkspaceRole explicitRole, Permission permission) {
        return decideWorkspace(List.of(HeldRole.direct(orgRole)), kind, explicitRole, permission);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Several held roles

    /** Organization-level permissions of the held roles: the union. */
    public static Set<Permission> organizationPermissions(Collection<OrgRole> roles) {
        Set<Permission> held = new TreeSet<>();
        for (OrgRole role : roles) {
            held.addAll(ORG_PERMISSIONS.get(role));
        }
        return held;
    }

    /** Whether the held roles grant an organization-level permission. */
    public static boolean grants(Collection<OrgRole> roles, Permission permission) {
        for (OrgRole role : roles) {
            if (ORG_PERMISSIONS.get(role).contains(permission)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a holder of these roles may enter a workspace of this kind: the Claude Code workspace needs a role granting claude_code:use. */
    public static boolean mayEnter(Collection<OrgRole> roles, WorkspaceKind kind) {
        return kind != WorkspaceKind.CLAUDE_CODE || grants(roles, CLAUDE_CODE_USE);
    }

    /** Whether a holder of these roles may hold an explicit membership in a workspace of this kind (Default has no list). */
    public static boolean mayHoldMembership(Collection<OrgRole> roles, WorkspaceKind kind) {
        return kind != WorkspaceKind.DEFAULT && mayEnter(roles, kind);
    }

    /** The highest role the held roles imply in every workspace of a kind, if any (and if they may enter it at all). */
    public static Optional<WorkspaceRole> impliedRole(Collection<OrgRole> roles, WorkspaceKind kind) {
        if (!mayEnter(roles, kind)) {
            return Optional.empty();
        }
        WorkspaceRole best = null;
        for (OrgRole role : roles) {
            best = max(best, impliedRole(role, kind).orElse(null));
        }
        return Optional.ofNullable(best);
    }

    /**
     * The effective role of a holder of {@code held} in a workspace of {@code kind}, where {@code explicitRole} is the
     * explicit membership (null when none): the highest of the explicit, the implied of each held role and, in the Default
     * workspace, the role each held role gives there. Nobody enters the Claude Code workspace without a role granting
     * claude_code:use, whatever memberships exist.
     */
    public static EffectiveRole effectiveWorkspaceRole(Collection<HeldRole> held, WorkspaceKind kind, WorkspaceRole explicitRole) {
        List<String> reasons = new ArrayList<>();
        if (held.isEmpty()) {
            reasons.add("holds no organization role");
            return new EffectiveRole(null, reasons);
        }
        if (!mayEnter(roles(held), kind)) {
            reasons.add(describe(held) + (held.size() == 1 ? " does" : " do") + " not grant " + CLAUDE_CODE_USE.value()
                    + ", without which nobody enters the Claude Code workspace, whatever memberships exist");
            return new EffectiveRole(null, reasons);
        }
        WorkspaceRole best = null;
        if (explicitRole != null && kind != WorkspaceKind.DEFAULT) {
            best = explicitRole;
            reasons.add("explicit membership as " + explicitRole.value());
        }
        for (HeldRole role : held) {
            Optional<WorkspaceRole> implied = impliedRole(role.role(), kind);
            if (implied.isPresent()) {
                reasons.add(impliedReason(role));
                best = max(best, implied.get());
            }
        }
        if (kind == WorkspaceKind.DEFAULT) {
            for (HeldRole role : held) {
                WorkspaceRole fromOrgRole = defaultWorkspaceRole(role.role());
                reasons.add("in the Default workspace, " + role.describe() + " gives " + fromOrgRole.value());
                best = max(best, fromOrgRole);
            }
        }
        if (best == null) {
            reasons.add("not a member of this workspace, and " + describe(held) + " impl" + (held.size() == 1 ? "ies" : "y")
                    + " no membership in it");
        } else {
            reasons.add("effective workspace role: " + best.value());
        }
        return new EffectiveRole(best, reasons);
    }

    /** Decides an organization-level permission for the held roles, naming the role (and its source) that grants it. */
    public static Decision decideOrganization(Collection<HeldRole> held, Permission permission) {
        requireScope(permission, PermissionScope.ORGANIZATION);
        List<String> sources = new ArrayList<>();
        for (HeldRole role : held) {
            if (ORG_PERMISSIONS.get(role.role()).contains(permission)) {
                sources.add(role.describe());
            }
        }
        boolean granted = !sources.isEmpty();
        String reason = granted ? sources.get(0) + " grants " + permission.value()
                : (held.isEmpty() ? "holds no organization role, so not " : describe(held) + " does not grant ") + permission.value();
        List<String> reasons = new ArrayList<>(List.of(reason));
        for (int i = 1; i < sources.size(); i++) {
            reasons.add(sources.get(i) + " grants it too");
        }
        return new Decision(granted ? Decision.Outcome.GRANTED : Decision.Outcome.MISSING_PERMISSION, permission, null, reasons, sources);
    }

    /** Decides a workspace-level permission for the held roles in a workspace of {@code kind}, given the explicit membership (or null). */
    public static Decision decideWorkspace(Collection<HeldRole> held, WorkspaceKind kind, WorkspaceRole explicitRole, Permission permission) {
        requireScope(permission, PermissionScope.WORKSPACE);
        EffectiveRole effective = effectiveWorkspaceRole(held, kind, explicitRole);
        List<String> reasons = new ArrayList<>(effective.reasons());
        if (effective.role() == null) {
            return new Decision(Decision.Outcome.NOT_VISIBLE, permission, null, reasons, List.of());
        }
        boolean granted = WORKSPACE_PERMISSIONS.get(effective.role()).contains(permission);
        reasons.add(effective.role().value() + (granted ? " grants " : " does not grant ") + permission.value());
        return new Decision(granted ? Decision.Outcome.GRANTED : Decision.Outcome.MISSING_PERMISSION, permission, effective.role(), reasons,
                granted ? sourcesOf(held, kind, explicitRole, effective.role()) : List.of());
    }

    /** What gives the effective role: the explicit membership and each held role that implies (or, in Default, gives) it. */
    private static List<String> sourcesOf(Collection<HeldRole> held, WorkspaceKind kind, WorkspaceRole explicitRole, WorkspaceRole effective) {
        List<String> sources = new ArrayList<>();
        if (explicitRole == effective && kind != WorkspaceKind.DEFAULT) {
            sources.add("explicit membership as " + explicitRole.value());
        }
        for (HeldRole role : held) {
            boolean gives = impliedRole(role.role(), kind).orElse(null) == effective
                    || (kind == WorkspaceKind.DEFAULT && defaultWorkspaceRole(role.role()) == effective);
            if (gives) {
                sources.add(role.describe());
            }
        }
        return sources;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Workspace kinds

    public static MemberListScope memberListScope(WorkspaceKind kind) {
        EnumSet<OrgRole> eligible = EnumSet.noneOf(OrgRole.class);
        EnumSet<OrgRole> implied = EnumSet.noneOf(OrgRole.class);
        for (OrgRole role : OrgRole.values()) {
            if (mayEnter(role, kind)) {
                eligible.add(role);
            }
            if (impliedRole(role, kind).isPresent()) {
                implied.add(role);
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
     * The explicit membership a Claude Code sign-in adds for a holder of these roles: the highest role they hold in the
     * Default workspace, unless their roles already imply one in the Claude Code workspace (admins); empty for roles that
     * cannot enter.
     */
    public static Optional<WorkspaceRole> claudeCodeSignInRole(Collection<OrgRole> roles) {
        if (!mayEnter(roles, WorkspaceKind.CLAUDE_CODE) || impliedRole(roles, WorkspaceKind.CLAUDE_CODE).isPresent()) {
            return Optional.empty();
        }
        WorkspaceRole best = null;
        for (OrgRole role : roles) {
            if (mayEnter(role, WorkspaceKind.CLAUDE_CODE)) {
                best = max(best, defaultWorkspaceRole(role));
            }
        }
        return Optional.ofNullable(best);
    }

    /** One role's Claude Code sign-in membership (see {@link #claudeCodeSignInRole(Collection)}). */
    public static Optional<WorkspaceRole> claudeCodeSignInRole(OrgRole role) {
        return claudeCodeSignInRole(EnumSet.of(role));
    }

    /**
     * Whether an explicit workspace role may be assigned, changed or removed for a holder of {@code roles} in a workspace
     * of {@code kind} (roles.md): implied memberships are fixed while the roles hold, except that one below the top role
     * may be raised to it. {@code newRole} null asks about removal.
     */
    public static boolean explicitRoleChangeable(Collection<OrgRole> roles, WorkspaceKind kind, WorkspaceRole newRole) {
        Optional<WorkspaceRole> implied = impliedRole(roles, kind);
        if (implied.isEmpty()) {
            return true;
        }
        return newRole == WorkspaceRole.WORKSPACE_ADMIN && implied.get() != WorkspaceRole.WORKSPACE_ADMIN;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Service accounts

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

    // ---------------------------------------------------------------------------------------------------------------
    // Principals

    /**
     * Org-level permissions an Admin API key never holds, although it acts as an admin (roles.md, "Admin API
     * restrictions"): it cannot manage its peers, and it is nobody who could sign in to Claude Code.
     */
    private static final Set<Permission> WITHHELD_FROM_ADMIN_API_KEYS = ordered(ADMIN_KEYS_MANAGE, CLAUDE_CODE_USE);

    /** Org-level permissions of a principal: its roles', less what its kind of principal never holds. */
    public static Set<Permission> organizationPermissions(PrincipalKind kind, Collection<OrgRole> roles) {
        if (kind == PrincipalKind.SCIM_TOKEN) {
            return Set.of();
        }
        Set<Permission> held = organizationPermissions(roles);
        if (kind == PrincipalKind.ADMIN_API_KEY) {
            held.removeAll(WITHHELD_FROM_ADMIN_API_KEYS);
        }
        return Collections.unmodifiableSet(held);
    }

    /** Org-level permissions of a principal holding one role. */
    public static Set<Permission> organizationPermissions(PrincipalKind kind, OrgRole role) {
        return organizationPermissions(kind, EnumSet.of(role));
    }

    /**
     * Workspace permissions each org role gives by itself in a workspace of each kind (implied, and in Default the
     * Default role), whether or not the holder may enter it: with {@link #mayEnter} and the explicit membership, the
     * guard's fast path.
     */
    private static final Set<Permission>[][] BY_ROLE = byRole();

    @SuppressWarnings("unchecked")
    private static Set<Permission>[][] byRole() {
        Set<Permission>[][] table = new Set[OrgRole.values().length][WorkspaceKind.values().length];
        for (OrgRole role : OrgRole.values()) {
            for (WorkspaceKind kind : WorkspaceKind.values()) {
                WorkspaceRole best = impliedRole(role, kind).orElse(null);
                if (kind == WorkspaceKind.DEFAULT) {
                    best = max(best, defaultWorkspaceRole(role));
                }
                table[role.ordinal()][kind.ordinal()] = best == null ? Set.of() : WORKSPACE_PERMISSIONS.get(best);
            }
        }
        return table;
    }

    /** A workspace role's permissions as bits of their ordinals (the catalog has fewer than 64 permissions). */
    private static final long[] WORKSPACE_BITS = new long[WorkspaceRole.values().length];

    static {
        for (WorkspaceRole role : WorkspaceRole.values()) {
            WORKSPACE_BITS[role.ordinal()] = bits(WORKSPACE_PERMISSIONS.get(role));
        }
    }

    /** The permissions other modules declared, as bits: [organization-level, workspace-level]. */
    private static long[] moduleBits() {
        long organization = 0;
        long workspace = 0;
        for (Permission permission : Permission.values()) {
            if (!permission.builtIn()) {
                if (permission.scope() == PermissionScope.ORGANIZATION) {
                    organization |= 1L << permission.index();
                } else {
                    workspace |= 1L << permission.index();
                }
            }
        }
        return new long[]{organization, workspace};
    }

    /** Every permission of the catalog with this scope, as bits. */
    private static long scopeBits(PermissionScope scope) {
        long bits = 0;
        for (Permission permission : Permission.values()) {
            if (permission.scope() == scope) {
                bits |= 1L << permission.index();
            }
        }
        return bits;
    }

    /**
     * Whether a custom role's workspace-level permissions hold in workspaces of {@code kind} (roles.md): Default and every
     * standard workspace; the Claude Code workspace only for a role that also holds claude_code:use.
     */
    private static boolean applies(CustomRole role, WorkspaceKind kind) {
        return kind != WorkspaceKind.CLAUDE_CODE || role.permissions().contains(CLAUDE_CODE_USE);
    }

    private static long bits(Set<Permission> permissions) {
        long bits = 0;
        for (Permission permission : permissions) {
            bits |= 1L << permission.index();
        }
        return bits;
    }

    /**
     * What a standing's roles grant, derived once per standing (kept with it: {@link MemberStanding#derived}): the
     * organization-level permissions, the workspace permissions they give by themselves in each kind of workspace, and
     * whether they open the Claude Code workspace. The explicit memberships are read per decision.
     */
    private record Grants(long organization, long[] byKind, boolean entersClaudeCode) {
    }

    private static Grants grantsOf(MemberStanding standing) {
        long organization = 0;
        long[] byKind = new long[WorkspaceKind.values().length];
        long[] modules = moduleBits();
        for (HeldRole held : standing.roles()) {
            organization |= bits(ORG_PERMISSIONS.get(held.role()));
            for (WorkspaceKind kind : WorkspaceKind.values()) {
                byKind[kind.ordinal()] |= bits(BY_ROLE[held.role().ordinal()][kind.ordinal()]);
            }
            if (held.role() == OrgRole.ADMIN) { // admin holds every permission other modules declare
                organization |= modules[0];
                for (WorkspaceKind kind : WorkspaceKind.values()) {
                    byKind[kind.ordinal()] |= modules[1];
                }
            }
        }
        for (HeldCustomRole custom : standing.customRoles()) {
            organization |= bits(custom.role().permissions()) & scopeBits(PermissionScope.ORGANIZATION);
            long workspaceLevel = bits(custom.role().permissions()) & scopeBits(PermissionScope.WORKSPACE);
            for (WorkspaceKind kind : WorkspaceKind.values()) {
                if (applies(custom.role(), kind)) {
                    byKind[kind.ordinal()] |= workspaceLevel;
                }
            }
        }
        boolean entersClaudeCode = (organization & (1L << CLAUDE_CODE_USE.index())) != 0;
        if (standing.principalKind() == PrincipalKind.ADMIN_API_KEY) {
            organization &= ~bits(WITHHELD_FROM_ADMIN_API_KEYS);
        } else if (standing.principalKind() == PrincipalKind.SCIM_TOKEN) {
            organization = 0;
        }
        return new Grants(organization, byKind, entersClaudeCode);
    }

    /**
     * Whether a standing holds a permission, in {@code workspace} for workspace-level ones (null: Default): the same
     * answer as {@code decide(...).granted()}, from bits derived once per standing, with no reasons built. The guard asks
     * this first and calls {@link #decide} only to explain a refusal.
     */
    public static boolean holds(MemberStanding standing, Permission permission, WorkspaceStanding workspace) {
        Grants grants = standing.derived(AccessPolicy::grantsOf);
        long bit = 1L << permission.index();
        if (permission.scope() == PermissionScope.ORGANIZATION) {
            return (grants.organization() & bit) != 0;
        }
        WorkspaceKind kind = workspace == null ? WorkspaceKind.DEFAULT : workspace.kind();
        if (kind == WorkspaceKind.CLAUDE_CODE && !grants.entersClaudeCode()) {
            return false;
        }
        if ((grants.byKind()[kind.ordinal()] & bit) != 0) {
            return true;
        }
        if (kind != WorkspaceKind.DEFAULT) {
            WorkspaceRole explicit = standing.explicitRoleIn(workspace.workspaceId());
            return explicit != null && (WORKSPACE_BITS[explicit.ordinal()] & bit) != 0;
        }
        return false;
    }

    /**
     * Decides one permission for a standing, in {@code workspace} for workspace-level ones (null: the Default
     * workspace), with the chain of reasons. This is what explain answers and what the guard says when it refuses.
     */
    public static Decision decide(MemberStanding standing, Permission permission, WorkspaceStanding workspace) {
        if (permission.scope() == PermissionScope.ORGANIZATION) {
            if (standing.principalKind() == PrincipalKind.SCIM_TOKEN) {
                return new Decision(Decision.Outcome.MISSING_PERMISSION, permission, null,
                        List.of("a provisioning credential (SCIM token) holds no permission outside SCIM"), List.of());
            }
            if (standing.isAdminApiKey() && WITHHELD_FROM_ADMIN_API_KEYS.contains(permission)) {
                return new Decision(Decision.Outcome.MISSING_PERMISSION, permission, null,
                        List.of("Admin API keys never hold " + permission.value() + " (Admin API restrictions)"), List.of());
            }
            return withCustomAndModules(standing, permission, null, decideOrganization(standing.roles(), permission));
        }
        WorkspaceKind kind = workspace == null ? WorkspaceKind.DEFAULT : workspace.kind();
        Decision builtIn = decideWorkspace(standing.roles(), kind, workspace == null ? null : standing.explicitRoleIn(workspace.workspaceId()), permission);
        if (kind == WorkspaceKind.CLAUDE_CODE && !holds(standing, CLAUDE_CODE_USE, null) && builtIn.outcome() == Decision.Outcome.NOT_VISIBLE) {
            return builtIn; // nobody enters the Claude Code workspace without claude_code:use, whatever else they hold
        }
        return withCustomAndModules(standing, permission, kind, builtIn);
    }

    /**
     * A decision of the built-in roles, completed with what else grants the permission: {@code admin} every permission a
     * module declared, each custom role that lists it (where it applies, for a workspace-level one). A workspace a custom
     * role's workspace permissions reach is visible to its holder (a refusal there is a 403, not a 404).
     */
    private static Decision withCustomAndModules(MemberStanding standing, Permission permission, WorkspaceKind kind, Decision builtIn) {
        List<String> more = new ArrayList<>();
        if (!permission.builtIn()) {
            for (HeldRole held : standing.roles()) {
                if (held.role() == OrgRole.ADMIN) {
                    more.add(held.describe());
                }
            }
        }
        boolean visibleThroughCustom = false;
        for (HeldCustomRole custom : standing.customRoles()) {
            boolean reaches = kind == null || applies(custom.role(), kind);
            if (reaches && custom.role().permissions().contains(permission)) {
                more.add(custom.describe());
            }
            if (kind != null && reaches && custom.role().permissions().stream().anyMatch(p -> p.scope() == PermissionScope.WORKSPACE)) {
                visibleThroughCustom = true;
            }
        }
        if (more.isEmpty()) {
            if (!permission.builtIn() && !builtIn.granted()) {
                List<String> reasons = new ArrayList<>(builtIn.outcome() == Decision.Outcome.NOT_VISIBLE ? builtIn.reasons() : List.of());
                reasons.add(permission.value() + " (declared by module " + permission.module() + ") is granted by admin and by custom roles"
                        + " that list it, and no role held grants it");
                return new Decision(builtIn.outcome() == Decision.Outcome.NOT_VISIBLE && !visibleThroughCustom ? Decision.Outcome.NOT_VISIBLE
                        : Decision.Outcome.MISSING_PERMISSION, permission, builtIn.effectiveWorkspaceRole(), reasons, List.of());
            }
            if (builtIn.outcome() == Decision.Outcome.NOT_VISIBLE && visibleThroughCustom) {
                List<String> reasons = new ArrayList<>(builtIn.reasons());
                reasons.add("a custom role held reaches this workspace, but none lists " + permission.value());
                return new Decision(Decision.Outcome.MISSING_PERMISSION, permission, null, reasons, List.of());
            }
            return builtIn;
        }
        List<String> reasons = new ArrayList<>();
        if (builtIn.granted()) {
            reasons.addAll(builtIn.reasons());
        }
        for (String source : more) {
            reasons.add(source + " grants " + permission.value() + (builtIn.granted() || reasons.size() > 1 ? " too" : ""));
        }
        List<String> sources = new ArrayList<>(builtIn.granted() ? builtIn.sources() : List.of());
        sources.addAll(more);
        return new Decision(Decision.Outcome.GRANTED, permission, builtIn.effectiveWorkspaceRole(), reasons, sources);
    }

    /** Whether a standing sees a workspace at all: an effective role there, or a custom role whose workspace permissions reach it. */
    public static boolean visible(MemberStanding standing, WorkspaceStanding workspace) {
        if (effectiveWorkspaceRole(standing, workspace).role() != null) {
            return true;
        }
        WorkspaceKind kind = workspace == null ? WorkspaceKind.DEFAULT : workspace.kind();
        for (HeldCustomRole custom : standing.customRoles()) {
            if (applies(custom.role(), kind) && custom.role().permissions().stream().anyMatch(p -> p.scope() == PermissionScope.WORKSPACE)) {
                return true;
            }
        }
        return false;
    }

    /** Every permission a standing holds in a workspace (null: Default), org-level ones included; empty when it cannot see it. */
    public static Set<Permission> permissionsIn(MemberStanding standing, WorkspaceStanding workspace) {
        Set<Permission> held = new TreeSet<>();
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
        return effectiveWorkspaceRole(standing.roles(), kind, workspace == null ? null : standing.explicitRoleIn(workspace.workspaceId()));
    }

    /**
     * Which workspaces a standing may see for a workspace-level permission: the kinds its roles grant it in by
     * themselves, plus the workspaces whose explicit membership grants it. Derived from the same decision as a single
     * check, so a list never shows what the single-object read of the same caller refuses, nor hides what it allows.
     */
    public static WorkspaceScope scope(MemberStanding standing, Permission permission) {
        requireScope(permission, PermissionScope.WORKSPACE);
        EnumSet<WorkspaceKind> kinds = EnumSet.noneOf(WorkspaceKind.class);
        Grants grants = standing.derived(AccessPolicy::grantsOf);
        long bit = 1L << permission.index();
        for (WorkspaceKind kind : WorkspaceKind.values()) {
            boolean enters = kind != WorkspaceKind.CLAUDE_CODE || grants.entersClaudeCode();
            if (enters && (grants.byKind()[kind.ordinal()] & bit) != 0) {
                kinds.add(kind);
            }
        }
        Set<String> ids = new HashSet<>();
        standing.memberships().forEach((workspaceId, membership) -> {
            if (!kinds.contains(membership.kind())
                    && decideWorkspace(standing.roles(), membership.kind(), membership.role(), permission).granted()) {
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
        if (holds(standing, BILLING_READ, null)) {
            return new WorkspaceScope(permission, EnumSet.allOf(WorkspaceKind.class), Set.of());
        }
        return scope(standing, permission);
    }

    /** The workspaces a list of things gated by {@code permission} shows: a report's rows for usage and cost, else {@link #scope}. */
    public static WorkspaceScope listScope(MemberStanding standing, Permission permission) {
        return permission == USAGE_READ || permission == COST_READ ? reportScope(standing, permission) : scope(standing, permission);
    }

    /** Why a standing's scope for a permission is empty, in words. */
    public static String noScopeReason(MemberStanding standing) {
        List<String> held = new ArrayList<>();
        standing.roles().forEach(role -> held.add(role.describe()));
        standing.customRoles().forEach(role -> held.add(role.describe()));
        return (held.isEmpty() ? "holding no role, it holds it" : String.join(", ", held) + " hold"
                + (held.size() == 1 ? "s" : "") + " it") + " in no workspace of the organization, and no workspace role grants it";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Restricted actions

    /**
     * Whether a kind of principal may take a restricted action, action by action: a signed-in person takes every one;
     * an Admin API key none; a SCIM token (the identity provider) only the changes of a group carrying admin that it
     * manages (its members, its existence: roles.md, "Groups and the identity provider").
     */
    public static boolean permits(PrincipalKind kind, RestrictedAction action) {
        return switch (action) {
            case CHANGE_ADMIN_GRANT -> kind == PrincipalKind.USER || kind == PrincipalKind.SCIM_TOKEN;
            case ASSIGN_ADMIN_ROLE, CHANGE_ADMIN_ROLE, REMOVE_ADMIN, SIGN_OUT_ADMIN, MANAGE_IDENTITY, CREATE_API_KEY, DEFINE_ROLES, FEDERATE_ADMIN ->
                    kind == PrincipalKind.USER;
        };
    }

    /** Refuses a restricted action to a principal that may not take it, naming the permission it was taken under. */
    public static void require(PrincipalKind kind, RestrictedAction action) {
        if (!permits(kind, action)) {
            throw new AccessDeniedException.MissingPermission(action.kind(), action.code(), action.permission().value(), action.reason());
        }
    }

    /**
     * The one rule on changes of what someone holds (roles.md, "Admin API restrictions", "Invariants with groups"): a
     * change that grants or removes {@code admin} (the roles held before and after, {@code after} null for a removal) is
     * refused to a principal that may not take it, with the refusal the change is (assigning, demoting or removing an
     * admin).
     */
    public static void requireAdminChange(PrincipalKind actor, Collection<OrgRole> before, Collection<OrgRole> after) {
        boolean wasAdmin = before.contains(OrgRole.ADMIN);
        boolean isAdmin = after != null && after.contains(OrgRole.ADMIN);
        if (wasAdmin == isAdmin) {
            return;
        }
        require(actor, isAdmin ? RestrictedAction.ASSIGN_ADMIN_ROLE : after == null ? RestrictedAction.REMOVE_ADMIN : RestrictedAction.CHANGE_ADMIN_ROLE);
    }

    /** Whether the held roles make their holder an admin of the organization (for the last-admin invariant). */
    public static boolean holdsAdmin(Collection<OrgRole> roles) {
        return roles.contains(OrgRole.ADMIN);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String impliedReason(HeldRole held) {
        return held.role() == OrgRole.ADMIN
                ? held.describe() + " implies workspace_admin in every workspace"
                : held.describe() + " implies workspace_billing in every workspace except the Claude Code workspace";
    }

    /** The held roles in words: "org role user, developer through group Engineering". */
    public static String describe(Collection<HeldRole> held) {
        List<String> parts = new ArrayList<>();
        for (HeldRole role : held) {
            parts.add(role.describe());
        }
        return String.join(", ", parts);
    }

    private static Set<OrgRole> roles(Collection<HeldRole> held) {
        EnumSet<OrgRole> roles = EnumSet.noneOf(OrgRole.class);
        for (HeldRole role : held) {
            roles.add(role.role());
        }
        return roles;
    }

    private static WorkspaceRole max(WorkspaceRole a, WorkspaceRole b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void requireScope(Permission permission, PermissionScope scope) {
        if (permission.scope() != scope) {
            throw new IllegalArgumentException(permission.value() + " is " + permission.scope() + "-level, not " + scope);
        }
    }
}
