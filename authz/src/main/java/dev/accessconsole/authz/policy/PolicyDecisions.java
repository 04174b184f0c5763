package dev.accessconsole.authz.policy;

import java.util.ArrayList;
import java.util.Map;
import dev.accessconsole.authz.api.ClaimCondition;
import dev.accessconsole.authz.api.FederationTerms;
import dev.accessconsole.authz.api.FederationMatch;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.authz.api.Decision;
import dev.accessconsole.authz.api.EffectiveRole;
import dev.accessconsole.authz.api.HeldRole;
import dev.accessconsole.authz.api.MemberListScope;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.RestrictedAction;
import dev.accessconsole.authz.api.RoleMatrix;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.WorkspaceStanding;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decision service: {@link AccessPolicy}'s pure tables and rules, answered for the whole deployment. One instance,
 * no state of its own besides the catalog's.
 */
@ApplicationScoped
public class PolicyDecisions implements AccessDecisions {

    @Override
    public boolean holds(MemberStanding standing, Permission permission, WorkspaceStanding workspace) {
        return AccessPolicy.holds(standing, permission, workspace);
    }

    @Override
    public Decision decide(MemberStanding standing, Permission permission, WorkspaceStanding workspace) {
        return AccessPolicy.decide(standing, permission, workspace);
    }

    @Override
    public Set<Permission> permissionsIn(MemberStanding standing, WorkspaceStanding workspace) {
        return AccessPolicy.permissionsIn(standing, workspace);
    }

    @Override
    public EffectiveRole effectiveWorkspaceRole(MemberStanding standing, WorkspaceStanding workspace) {
        return AccessPolicy.effectiveWorkspaceRole(standing, workspace);
    }

    @Override
    public WorkspaceScope scope(MemberStanding standing, Permission permission) {
        return AccessPolicy.scope(standing, permission);
    }

    @Override
    public WorkspaceScope reportScope(MemberStanding standing, Permission permission) {
        return AccessPolicy.reportScope(standing, permission);
    }

    @Override
    public String noScopeReason(MemberStanding standing) {
        return AccessPolicy.noScopeReason(standing);
    }

    @Override
    public boolean mayNameMembers(MemberStanding standing) {
        return AccessPolicy.holds(standing, Permission.MEMBERS_MANAGE, null);
    }

    @Override
    public boolean grants(Collection<OrgRole> roles, Permission permission) {
        return AccessPolicy.grants(roles, permission);
    }

    @Override
    public EffectiveRole effectiveWorkspaceRole(Collection<HeldRole> held, WorkspaceKind kind, WorkspaceRole explicitRole) {
        return AccessPolicy.effectiveWorkspaceRole(held, kind, explicitRole);
    }

    @Override
    public boolean mayUse(Collection<HeldRole> held, WorkspaceKind kind, WorkspaceRole explicitRole) {
        return AccessPolicy.effectiveWorkspaceRole(held, kind, explicitRole).role() != null;
    }

    @Override
    public Optional<WorkspaceRole> impliedRole(Collection<OrgRole> roles, WorkspaceKind kind) {
        return AccessPolicy.impliedRole(roles, kind);
    }

    @Override
    public boolean mayHoldMembership(Collection<OrgRole> roles, WorkspaceKind kind) {
        return AccessPolicy.mayHoldMembership(roles, kind);
    }

    @Override
    public boolean explicitRoleChangeable(Collection<OrgRole> roles, WorkspaceKind kind, WorkspaceRole newRole) {
        return AccessPolicy.explicitRoleChangeable(roles, kind, newRole);
    }

    @Override
    public Optional<WorkspaceRole> raisableTo(Collection<OrgRole> roles, WorkspaceKind kind) {
        Optional<WorkspaceRole> implied = AccessPolicy.impliedRole(roles, kind);
        if (implied.isEmpty()) {
            return Optional.empty();
        }
        WorkspaceRole[] all = WorkspaceRole.values();
        for (int i = all.length - 1; i >= 0 && all[i].compareTo(implied.get()) > 0; i--) {
            if (AccessPolicy.explicitRoleChangeable(roles, kind, all[i])) {
                return Optional.of(all[i]);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<WorkspaceRole> claudeCodeSignInRole(Collection<OrgRole> roles) {
        return AccessPolicy.claudeCodeSignInRole(roles);
    }

    @Override
    public boolean mayBeGivenOnJoining(OrgRole role) {
        return role == OrgRole.USER || role == OrgRole.CLAUDE_CODE_USER || role == OrgRole.DEVELOPER;
    }

    @Override
    public boolean holdsAdmin(Collection<OrgRole> roles) {
        return AccessPolicy.holdsAdmin(roles);
    }

    @Override
    public boolean grantsAdmin(Collection<String> roleIds) {
        return roleIds.contains(OrgRole.ADMIN.roleId());
    }

    @Override
    public String describe(Collection<HeldRole> held) {
        return AccessPolicy.describe(held);
    }

    @Override
    public MemberListScope memberListScope(WorkspaceKind kind) {
        return AccessPolicy.memberListScope(kind);
    }

    @Override
    public boolean hasMemberList(WorkspaceKind kind) {
        return AccessPolicy.hasMemberList(kind);
    }

    @Override
    public boolean renamable(WorkspaceKind kind) {
        return AccessPolicy.renamable(kind);
    }

    @Override
    public boolean archivable(WorkspaceKind kind) {
        return AccessPolicy.archivable(kind);
    }

    @Override
    public boolean hasOwnLimits(WorkspaceKind kind) {
        return AccessPolicy.hasOwnLimits(kind);
    }

    @Override
    public boolean acceptsKeysCreatedByHand(WorkspaceKind kind) {
        return AccessPolicy.acceptsKeysCreatedByHand(kind);
    }

    @Override
    public boolean serviceAccountMayHold(OrgRole role) {
        return AccessPolicy.serviceAccountMayHold(role);
    }

    @Override
    public boolean serviceAccountMayJoin(WorkspaceKind kind) {
        return AccessPolicy.serviceAccountMayJoin(kind);
    }

    @Override
    public WorkspaceRole serviceAccountDefaultRole() {
        return AccessPolicy.SERVICE_ACCOUNT_DEFAULT_ROLE;
    }

    @Override
    public EffectiveRole serviceAccountWorkspaceRole(OrgRole role, WorkspaceKind kind, WorkspaceRole explicitRole) {
        return AccessPolicy.serviceAccountWorkspaceRole(role, kind, explicitRole);
    }

    @Override
    public void require(PrincipalKind actor, RestrictedAction action) {
        AccessPolicy.require(actor, action);
    }

    @Override
    public void requireMayChangeHolder(PrincipalKind actor, Collection<OrgRole> before, Collection<OrgRole> after) {
        AccessPolicy.requireAdminChange(actor, before, after);
    }

    @Override
    public void requireMaySignOut(PrincipalKind actor, Collection<OrgRole> target) {
        if (AccessPolicy.holdsAdmin(target)) {
            AccessPolicy.require(actor, RestrictedAction.SIGN_OUT_ADMIN);
        }
    }

    @Override
    public void requireMayChangeGrant(PrincipalKind actor, Collection<String> roleIds) {
        if (grantsAdmin(roleIds)) {
            AccessPolicy.require(actor, RestrictedAction.CHANGE_ADMIN_GRANT);
        }
    }

    @Override
    public List<Permission> permissions() {
        return List.of(Permission.values());
    }

    @Override
    public Optional<Permission> permission(String name) {
        return Permission.fromValue(name);
    }

    @Override
    public List<RoleMatrix.OrgRoleEntry> organizationRoles() {
        return Arrays.stream(OrgRole.values()).map(r -> new RoleMatrix.OrgRoleEntry(r, organizationPermissions(r),
                AccessPolicy.defaultWorkspaceRole(r), AccessPolicy.impliedRole(r, WorkspaceKind.STANDARD).orElse(null),
                AccessPolicy.effectiveWorkspaceRole(r, WorkspaceKind.CLAUDE_CODE, null).role())).toList();
    }

    /** A built-in role's organization-level permissions: admin's include every one a module declared. */
    private static List<Permission> organizationPermissions(OrgRole role) {
        java.util.TreeSet<Permission> permissions = new java.util.TreeSet<>(AccessPolicy.organizationPermissions(role));
        if (role == OrgRole.ADMIN) {
            for (Permission permission : Permission.values()) {
                if (!permission.builtIn() && permission.scope() == dev.accessconsole.authz.api.PermissionScope.ORGANIZATION) {
                    permissions.add(permission);
                }
            }
        }
        return List.copyOf(permissions);
    }

    @Override
    public List<RoleMatrix.WorkspaceRoleEntry> workspaceRoles() {
        return Arrays.stream(WorkspaceRole.values())
                .map(r -> new RoleMatrix.WorkspaceRoleEntry(r, List.copyOf(AccessPolicy.workspacePermissions(r)), r.assignable())).toList();
    }

    @Override
    public FederationMatch matchFederationRule(Map<String, Object> claims, FederationTerms terms, ClaimCondition condition) {
        List<String> reasons = new ArrayList<>();
        boolean matched = true;
        if (terms.audience() != null) {
            Object aud = claims.get("aud");
            boolean named = aud instanceof Collection<?> many ? many.contains(terms.audience()) : terms.audience().equals(aud);
            matched &= named;
            reasons.add(named ? "audience " + terms.audience() + " is named by the token" : "the token's audience " + aud + " does not name " + terms.audience());
        }
        if (terms.subjectPrefix() != null) {
            Object sub = claims.get("sub");
            boolean prefixed = sub instanceof String subject && subject.startsWith(terms.subjectPrefix());
            matched &= prefixed;
            reasons.add(prefixed ? "subject " + sub + " starts with " + terms.subjectPrefix() : "subject " + sub + " does not start with " + terms.subjectPrefix());
        }
        for (Map.Entry<String, Object> expected : terms.claims().entrySet()) {
            Object actual = claims.get(expected.getKey());
            boolean equal = expected.getValue().equals(actual);
            matched &= equal;
            reasons.add(equal ? "claim " + expected.getKey() + " is " + actual
                    : "claim " + expected.getKey() + " is " + (actual == null ? "absent" : actual) + ", not " + expected.getValue());
        }
        if (terms.condition() != null) {
            try {
                boolean holds = condition.test(terms.condition(), claims);
                matched &= holds;
                reasons.add(holds ? "condition " + terms.condition() + " holds" : "condition " + terms.condition() + " does not hold");
            } catch (ClaimCondition.InvalidCondition invalid) {
                matched = false;
                reasons.add("condition " + terms.condition() + " could not be evaluated: " + invalid.getMessage());
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("the rule asks nothing of the token beyond its issuer");
        }
        return new FederationMatch(matched, reasons);
    }
}
