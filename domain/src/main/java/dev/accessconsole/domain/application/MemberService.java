package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.MemberListing;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupRepository;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Organization members: list, read, change role, remove, sign out. Keeps the invariants of roles.md under concurrency:
 * every change of what people hold first locks the organization row, so two admins demoting each other at once are
 * serialized and the second finds the last admin (counted through groups too).
 */
@ApplicationScoped
public class MemberService {

    @Inject
    AccessDecisions decisions;

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    RbacGroupRepository groups;

    @Inject
    AuditLog audit;

    @Inject
    ApiKeyRepository apiKeys;

    @Inject
    MemberRoles memberRoles;

    @Inject
    AdminKeyService adminKeys;

    /**
     * A page of members: one read-only query that joins a caller's transaction but opens none of its own (the JTA begin
     * and commit, and the dirty check of the page's entities at commit, were most of the list's cost beside the query).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MemberListing> list(String organizationId, String email, List<OrgRole> roles, PageRequest page) {
        return organizations.members(organizationId, UserAccount.emailKey(email), roles, page);
    }

    @Transactional
    public OrganizationMember get(String organizationId, String userId) {
        return organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("user"));
    }

    /** A member with the roles they hold and where each comes from (the console's member page). */
    public record Holding(OrganizationMember member, List<dev.accessconsole.authz.api.HeldRole> roles, List<RbacGroup> groups) {
    }

    @Transactional
    public Holding holding(String organizationId, String userId) {
        OrganizationMember member = get(organizationId, userId);
        return new Holding(member, memberRoles.of(member), groups.groupsOf(organizationId, userId));
    }

    /** The outcome of a role change or removal, with warnings for the caller (billing emails left without access). */
    public record Change(OrganizationMember member, List<String> warnings) {
    }

    @Transactional
    public Change changeRole(Actor actor, String organizationId, String userId, OrgRole newRole) {
        // refused before anything is looked up: assigning admin is never an Admin API key's
        decisions.requireMayChangeHolder(actor.principalKind(), Set.of(), Set.of(newRole));
        // A change to or from admin holds the organization's row first (the last admin; two admins demoting each other).
        // Any other change cannot alter who administers the organization: it holds the member's row only, so that changes
        // of different members do not queue behind each other; should the member have become an admin meanwhile (read
        // again under that lock), the change is refused as a conflict rather than take the organization's row second.
        boolean admins = decisions.holdsAdmin(EnumSet.of(newRole))
                || organizations.activeRole(organizationId, userId).map(role -> decisions.holdsAdmin(EnumSet.of(role))).orElse(false);
        OrganizationMember member;
        if (admins) {
            lockAndRecheckActor(actor, organizationId);
            member = get(organizationId, userId);
            organizations.lock(member);
        } else {
            member = get(organizationId, userId);
            organizations.lock(member);
            if (decisions.holdsAdmin(EnumSet.of(member.role()))) {
                throw DomainException.conflict("The member's role changed while this request ran; try again.");
            }
            recheckActor(actor, organizationId);
        }
        OrgRole before = member.role();
        decisions.requireMayChangeHolder(actor.principalKind(), EnumSet.of(before), EnumSet.of(newRole));
        // what the member holds before and after: the direct role changes, their groups' roles do not (read once, here)
        Set<OrgRole> viaGroups = member.suspended() ? Set.of() : MemberRoles.roles(groups.groupRoles(organizationId, userId));
        if (before != newRole) {
            member.changeRole(newRole);
            if (admins) {
                // the last admin's answer comes first, also when the last admin tries to demote themselves
                memberRoles.requireAdminHolder(organizationId, ErrorCode.CANNOT_REMOVE_LAST_MEMBER);
            }
        }
        if (!actor.isAdminApiKey() && actor.id().equals(userId)) {
            throw DomainException.invalid(ErrorCode.CANNOT_CHANGE_OWN_ROLE, "You cannot change your own role.");
        }
        if (before == newRole) {
            return new Change(member, List.of());
        }
        JsonObjectBuilder details = JsonBuilders.object().add("before", before.value()).add("after", newRole.value());
        List<String> warnings = memberRoles.settle(actor, organizationId, Map.of(userId, held(member.suspended(), before, viaGroups)),
                Map.of(userId, held(member.suspended(), newRole, viaGroups)), details);
        audit.record(organizationId, actor, "member.role_change", "user", userId, details.build().toString());
        return new Change(member, warnings);
    }

    /** What a member holds: their direct role and their groups' roles; nothing while suspended. */
    private static Set<OrgRole> held(boolean suspended, OrgRole direct, Set<OrgRole> viaGroups) {
        EnumSet<OrgRole> held = EnumSet.noneOf(OrgRole.class);
        if (!suspended) {
            held.add(direct);
            held.addAll(viaGroups);
        }
        return held;
    }

    @Transactional
    public Change remove(Actor actor, String organizationId, String userId) {
        lockAndRecheckActor(actor, organizationId);
        OrganizationMember member = get(organizationId, userId);
        Set<OrgRole> before = memberRoles.roleSet(organizationId, userId);
        decisions.requireMayChangeHolder(actor.principalKind(), before, null);
        JsonObjectBuilder details = JsonBuilders.object().add("role", member.role().value());
        List<String> warnings = leave(actor, organizationId, member, details);
        organizations.removeMember(member);
        memberRoles.requireAdminHolder(organizationId, ErrorCode.CANNOT_REMOVE_LAST_MEMBER);
        audit.record(organizationId, actor, "member.remove", "user", userId, details.build().toString());
        return new Change(member, warnings);
    }

    /**
     * What leaving the organization (or being suspended by the identity provider) ends, in the caller's transaction:
     * explicit workspace memberships, group memberships, keys bound to the person, Admin API keys they created; the
     * membership itself is the caller's to remove or suspend.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> leave(Actor actor, String organizationId, OrganizationMember member, JsonObjectBuilder details) {
        String userId = member.user().id();
        Set<OrgRole> before = memberRoles.roleSet(organizationId, userId);
        int workspaceMemberships = workspaces.removeMembershipsOf(organizationId, userId);
        List<String> groupIds = new ArrayList<>();
        for (RbacGroup group : groups.groupsOf(organizationId, userId)) {
            groups.member(group.id(), userId).ifPresent(groups::removeMember);
            groupIds.add(group.id());
        }
        // keys bound to the member (Claude Code) stop with the membership; workspace keys they created stay
        int boundKeys = apiKeys.archiveBoundTo(organizationId, userId, null);
        details.add("workspace_memberships_removed", workspaceMemberships).add("bound_api_keys_archived", boundKeys);
        if (!groupIds.isEmpty()) {
            details.add("rbac_groups_left", JsonBuilders.array(groupIds));
        }
        List<String> warnings = new ArrayList<>();
        if (decisions.holdsAdmin(before)) {
            List<String> revoked = adminKeys.revokeCreatedBy(organizationId, userId);
            for (String keyId : revoked) {
                audit.record(organizationId, actor, "admin_api_key.revoke", "admin_api_key", keyId,
                        JsonBuilders.object().add("reason", "its creator " + userId + " is no longer an admin").build().toString());
            }
            if (!revoked.isEmpty()) {
                details.add("admin_api_keys_revoked", JsonBuilders.array(revoked));
                warnings.add(revoked.size() + " Admin API key(s) created by " + userId
                        + " were revoked: their creator is no longer an admin of this organization.");
            }
        }
        warnings.addAll(memberRoles.billingEmailWarnings(actor, organizationId, userId, Set.of()));
        return warnings;
    }

    /**
     * Ends every session of a member in the organization at once (roles.md, "Sign-out"): tokens issued before it (or in
     * its second) are refused there, on every node, from the next request.
     */
    @Transactional
    public OrganizationMember signOut(Actor actor, String organizationId, String userId) {
        OrganizationMember member = get(organizationId, userId);
        if (!actor.isAdminApiKey() && actor.id().equals(userId)) {
            throw DomainException.invalid(ErrorCode.CANNOT_SIGN_OUT_SELF, "You cannot sign yourself out through the API; sign out of your own session instead.");
        }
        decisions.requireMaySignOut(actor.principalKind(), memberRoles.roleSet(organizationId, userId));
        member.endSessions(Time.now());
        audit.record(organizationId, actor, "member.sign_out", "user", userId,
                JsonBuilders.object().add("sessions_not_before", member.sessionsNotBefore()).build().toString());
        return member;
    }

    /**
     * Locks the organization row, then checks again, under the lock, that a signed-in actor still holds members:manage
     * (directly or through a group): the guard decided before the lock, and a concurrent change may have landed since.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAndRecheckActor(Actor actor, String organizationId) {
        organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        recheckActor(actor, organizationId);
    }

    /** A person acting still holds members:manage (their role may have changed while the request ran). */
    private void recheckActor(Actor actor, String organizationId) {
        if (actor.principalKind() == dev.accessconsole.authz.api.PrincipalKind.USER
                && !decisions.grants(memberRoles.roleSet(organizationId, actor.id()), Permission.MEMBERS_MANAGE)) {
            throw new AccessDeniedException.MissingPermission(Permission.MEMBERS_MANAGE.value(), "your role changed while this request ran");
        }
    }
}
