package dev.accessconsole.authz.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where access is decided: the role catalog (built-in roles, an organization's custom roles, the
 * permissions other modules declare) and every question about it, injectable ({@code @Inject AccessDecisions}). The
 * guard asks it for each guarded call; services ask it whatever a rule needs ("may this principal change what grants
 * admin?", "which workspaces does this caller see?"); nothing else names a role or a workspace kind to decide who sees
 * or does what. Answers about a caller come from their {@link MemberStanding}; answers about someone else from the
 * roles they hold.
 */
public interface AccessDecisions {

    // ----------------------------------------------------------------------------------------------------- a standing

    /** Whether the standing holds the permission (in {@code workspace} for a workspace permission; null: Default). */
    boolean holds(MemberStanding standing, Permission permission, WorkspaceStanding workspace);

    /** The same answer with its reasons and sources (explain, refusals). */
    Decision decide(MemberStanding standing, Permission permission, WorkspaceStanding workspace);

    /** Every permission the standing holds in {@code workspace} (organization-level ones included), in catalog order. */
    Set<Permission> permissionsIn(MemberStanding standing, WorkspaceStanding workspace);

    /** The standing's effective role in a workspace, with its reasons (null role: it cannot see the workspace). */
    EffectiveRole effectiveWorkspaceRole(MemberStanding standing, WorkspaceStanding workspace);

    /** The workspaces of its organization where the standing holds {@code permission}: the filter of every list. */
    WorkspaceScope scope(MemberStanding standing, Permission permission);

    /** The workspaces whose rows a report shows the standing (reports of usage, cost, Claude Code). */
    WorkspaceScope reportScope(MemberStanding standing, Permission permission);

    /** Why a scope is empty, in words (for the refusal of a list that shows nothing). */
    String noScopeReason(MemberStanding standing);

    /** Whether a report may name members by email to this caller (who may know who is in the organization). */
    boolean mayNameMembers(MemberStanding standing);

    // ----------------------------------------------------------------------------- roles someone holds (not the caller)

    /** Whether the roles grant an organization permission. */
    boolean grants(Collection<OrgRole> roles, Permission permission);

    /** The effective role in a workspace of {@code kind} of someone holding {@code held}, with an explicit role or none. */
    EffectiveRole effectiveWorkspaceRole(Collection<HeldRole> held, WorkspaceKind kind, WorkspaceRole explicitRole);

    /** Whether someone holding {@code held} (with the explicit role, or none) may use a workspace of {@code kind} now. */
    boolean mayUse(Collection<HeldRole> held, WorkspaceKind kind, WorkspaceRole explicitRole);

    /** The workspace role the roles imply in every workspace of {@code kind} (admin, billing), if any. */
    Optional<WorkspaceRole> impliedRole(Collection<OrgRole> roles, WorkspaceKind kind);

    /** Whether someone holding the roles may hold an explicit membership of a workspace of {@code kind}. */
    boolean mayHoldMembership(Collection<OrgRole> roles, WorkspaceKind kind);

    /** Whether an explicit role may be given, changed to {@code newRole} (null: removed) for someone holding the roles. */
    boolean explicitRoleChangeable(Collection<OrgRole> roles, WorkspaceKind kind, WorkspaceRole newRole);

    /** The role an implied membership of someone holding the roles may be raised to by an explicit one (the top one), if any. */
    Optional<WorkspaceRole> raisableTo(Collection<OrgRole> roles, WorkspaceKind kind);

    /** The workspace role a Claude Code sign-in gives someone holding the roles, if they may sign in at all. */
    Optional<WorkspaceRole> claudeCodeSignInRole(Collection<OrgRole> roles);

    /** Whether sign-in provisioning may give the role to whoever joins (roles.md: never more than developer). */
    boolean mayBeGivenOnJoining(OrgRole role);

    /** Whether the roles make their holder an admin of the organization (the last-admin invariant, Admin API keys). */
    boolean holdsAdmin(Collection<OrgRole> roles);

    /** Whether a set of role ids (a group's, an invite's groups') grants admin. */
    boolean grantsAdmin(Collection<String> roleIds);

    /** The held roles in words: "org role user, developer through group Engineering". */
    String describe(Collection<HeldRole> held);

    // -------------------------------------------------------------------------------------------- workspaces by kind

    /** Who appears in the member list of a workspace of {@code kind}. */
    MemberListScope memberListScope(WorkspaceKind kind);

    boolean hasMemberList(WorkspaceKind kind);

    boolean renamable(WorkspaceKind kind);

    boolean archivable(WorkspaceKind kind);

    boolean hasOwnLimits(WorkspaceKind kind);

    boolean acceptsKeysCreatedByHand(WorkspaceKind kind);

    // ---------------------------------------------------------------------------------------------- service accounts

    boolean serviceAccountMayHold(OrgRole role);

    boolean serviceAccountMayJoin(WorkspaceKind kind);

    /** The role a service account holds in Default by implication. */
    WorkspaceRole serviceAccountDefaultRole();

    EffectiveRole serviceAccountWorkspaceRole(OrgRole role, WorkspaceKind kind, WorkspaceRole explicitRole);

    // ------------------------------------------------------------------------ restricted actions (what grants admin)

    /** Refuses a restricted action to a principal that may not take it (403 naming the permission, or 400). */
    void require(PrincipalKind actor, RestrictedAction action);

    /**
     * Refuses a change of what someone holds that grants or takes {@code admin} (the roles before and after; after null:
     * a removal or an archive) to a principal that may not make it: assigning, demoting, removing an admin.
     */
    void requireMayChangeHolder(PrincipalKind actor, Collection<OrgRole> before, Collection<OrgRole> after);

    /** Refuses signing out someone holding the roles to a principal that may not (an admin, by an Admin API key). */
    void requireMaySignOut(PrincipalKind actor, Collection<OrgRole> target);

    /** Refuses changing what a set of role ids grants (a group's members, roles or existence; an invite's groups) when they grant admin. */
    void requireMayChangeGrant(PrincipalKind actor, Collection<String> roleIds);

    // -------------------------------------------------------------------------------------------- workload federation

    /**
     * Whether a workload's verified claims meet a federation rule's terms (the token exchange, and the console's test of a
     * token), with each term's reason; the condition is evaluated by {@code condition}, and one that fails is no match.
     */
    FederationMatch matchFederationRule(java.util.Map<String, Object> claims, FederationTerms terms,
                                        dev.accessconsole.authz.api.ClaimCondition condition);

    // ----------------------------------------------------------------------------------------------------- catalog

    /** Every permission of the catalog: the built-in ones, then those other modules declared. */
    List<Permission> permissions();

    /** A permission by name, built-in or a module's. */
    Optional<Permission> permission(String name);

    /** The built-in organization roles and what each grants (for {@code /v1/roles} and {@code rbac_roles}). */
    List<RoleMatrix.OrgRoleEntry> organizationRoles();

    /** The workspace roles, lowest to highest, and what each grants. */
    List<RoleMatrix.WorkspaceRoleEntry> workspaceRoles();
}
