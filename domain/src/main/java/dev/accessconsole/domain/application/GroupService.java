package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DefinedRole;
import dev.accessconsole.domain.model.DefinedRoleRepository;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;
import dev.accessconsole.domain.model.RbacGroupRepository;
import dev.accessconsole.domain.model.Time;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups of an organization and their members (roles.md, "Groups and the identity provider"), for every path that
 * changes them: the Admin API and the console ({@code direct} groups; any group's roles), SCIM ({@code scim} groups), and
 * sign-in claims (membership of {@code scim} groups). Every change locks the organization row first, then applies, then
 * settles what follows for each person whose roles changed ({@link MemberRoles#settle}) and checks that someone still
 * holds admin: a refused change rolls back whole. An Admin API key never changes what grants admin.
 */
@ApplicationScoped
public class GroupService {

    @Inject
    AccessDecisions decisions;

    @Inject
    RbacGroupRepository groups;

    @Inject
    DefinedRoleRepository definedRoles;

    @Inject
    OrganizationRepository organizations;

    @Inject
    MemberRoles memberRoles;

    @Inject
    MemberService members;

    @Inject
    AuditLog audit;

    /** A group with its roles changed or its members, for the caller's answer. */
    public record Changed(RbacGroup group, List<String> warnings) {
    }

    @Transactional
    public Page<RbacGroup> list(String organizationId, PageRequest page) {
        return groups.list(organizationId, page);
    }

    @Transactional
    public RbacGroup get(String organizationId, String groupId) {
        return groups.find(organizationId, groupId).orElseThrow(GroupService::notFound);
    }

    /** A group the actor may see (SCIM: only those it manages). */
    @Transactional
    public RbacGroup visibleTo(Actor actor, String organizationId, String groupId) {
        return visible(actor, organizationId, groupId);
    }

    /** Creates a group: {@code direct} through the Admin API, {@code scim} through SCIM (the actor says which). */
    @Transactional
    public RbacGroup create(Actor actor, String organizationId, String name, List<String> roleIds, String externalId) {
        String cleanName = Names.require("name", name, RbacGroup.MAX_NAME_LENGTH);
        List<String> roles = roleIds(organizationId, roleIds);
        decisions.requireMayChangeGrant(actor.principalKind(), roles);
        lock(actor, organizationId);
        if (groups.findByName(organizationId, cleanName).isPresent()) {
            throw DomainException.invalid(ErrorCode.RBAC_GROUP_ALREADY_EXISTS, "A group named '" + cleanName + "' already exists in this organization.");
        }
        Instant now = Time.now();
        RbacGroup group = new RbacGroup(organizationId, cleanName, sourceOf(actor), externalId, now);
        group.roleIds(roles, now);
        groups.add(group);
        audit.record(organizationId, actor, "rbac_group.create", "rbac_group", group.id(), JsonBuilders.object()
                .add("name", cleanName).add("source_type", group.source().value()).add("role_ids", JsonBuilders.array(roles)).build().toString());
        return group;
    }

    /** Renames a group (its source's to do) and/or sets its roles (members:manage holders', whatever its source). */
    @Transactional
    public Changed update(Actor actor, String organizationId, String groupId, String name, List<String> roleIds) {
        RbacGroup group = visible(actor, organizationId, groupId);
        String cleanName = name == null ? null : Names.require("name", name, RbacGroup.MAX_NAME_LENGTH);
        List<String> roles = roleIds == null ? null : roleIds(organizationId, roleIds);
        if (cleanName != null && !cleanName.equals(group.name())) {
            requireSource(actor, group);
        }
        if (roles != null && !Set.copyOf(roles).equals(Set.copyOf(group.roleIds()))) {
            List<String> both = new ArrayList<>(group.roleIds());
            both.addAll(roles);
            decisions.requireMayChangeGrant(actor.principalKind(), both);
        } else {
            roles = null;
        }
        lock(actor, organizationId);
        Instant now = Time.now();
        JsonObjectBuilder details = JsonBuilders.object();
        if (cleanName != null && !cleanName.equals(group.name())) {
            Optional<RbacGroup> taken = groups.findByName(organizationId, cleanName);
            if (taken.isPresent() && !taken.get().id().equals(group.id())) {
                throw DomainException.invalid(ErrorCode.RBAC_GROUP_ALREADY_EXISTS, "A group named '" + cleanName + "' already exists in this organization.");
            }
            details.add("name_before", group.name()).add("name_after", cleanName);
            group.rename(cleanName, now);
        }
        List<String> warnings = List.of();
        if (roles != null) {
            Map<String, Set<OrgRole>> before = memberRoles.snapshot(organizationId, memberIds(group));
            details.add("role_ids_before", JsonBuilders.array(group.roleIds())).add("role_ids_after", JsonBuilders.array(roles));
            boolean adminTaken = decisions.grantsAdmin(group.roleIds()) && !decisions.grantsAdmin(roles);
            group.roleIds(roles, now);
            if (adminTaken) { // only taking admin from a group's members can leave nobody holding it
                memberRoles.requireAdminHolder(organizationId, ErrorCode.LAST_ADMIN);
            }
            warnings = memberRoles.settle(actor, organizationId, before, details);
        }
        audit.record(organizationId, actor, "rbac_group.update", "rbac_group", group.id(), details.build().toString());
        return new Changed(group, warnings);
    }

    @Transactional
    public Changed delete(Actor actor, String organizationId, String groupId) {
        RbacGroup group = visible(actor, organizationId, groupId);
        requireSource(actor, group);
        decisions.requireMayChangeGrant(actor.principalKind(), group.roleIds());
        lock(actor, organizationId);
        Map<String, Set<OrgRole>> before = memberRoles.snapshot(organizationId, memberIds(group));
        JsonObjectBuilder details = JsonBuilders.object().add("name", group.name()).add("members", before.size())
                .add("role_ids", JsonBuilders.array(group.roleIds()));
        groups.remove(group);
        if (decisions.grantsAdmin(group.roleIds())) {
            memberRoles.requireAdminHolder(organizationId, ErrorCode.LAST_ADMIN);
        }
        List<String> warnings = memberRoles.settle(actor, organizationId, before, details);
        audit.record(organizationId, actor, "rbac_group.delete", "rbac_group", group.id(), details.build().toString());
        return new Changed(group, warnings);
    }

    @Transactional
    public Page<RbacGroupMember> members(Actor actor, String organizationId, String groupId, PageRequest page) {
        return groups.members(visible(actor, organizationId, groupId), page);
    }

    /** Every member of a group, for SCIM's whole-group answers. */
    @Transactional
    public List<RbacGroupMember> allMembers(Actor actor, String organizationId, String groupId) {
        return groups.allMembers(visible(actor, organizationId, groupId));
    }

    @Transactional
    public RbacGroupMember addMember(Actor actor, String organizationId, String groupId, String userId) {
        RbacGroup group = visible(actor, organizationId, groupId);
        requireSource(actor, group);
        decisions.requireMayChangeGrant(actor.principalKind(), group.roleIds());
        lock(actor, organizationId);
        OrganizationMember member = memberToAdd(actor, organizationId, userId);
        if (groups.member(group.id(), userId).isPresent()) {
            throw DomainException.invalid(ErrorCode.ALREADY_RBAC_GROUP_MEMBER, "The user is already a member of this group.");
        }
        RbacGroupMember added = change(actor, organizationId, group, Set.of(member), Set.of());
        return added;
    }

    @Transactional
    public Changed removeMember(Actor actor, String organizationId, String groupId, String userId) {
        RbacGroup group = visible(actor, organizationId, groupId);
        requireSource(actor, group);
        decisions.requireMayChangeGrant(actor.principalKind(), group.roleIds());
        lock(actor, organizationId);
        RbacGroupMember member = groups.member(group.id(), userId)
                .orElseThrow(() -> DomainException.notFound("rbac_group_member"));
        List<String> warnings = new ArrayList<>();
        changeMembers(actor, organizationId, group, Set.of(), Set.of(member), warnings);
        return new Changed(group, warnings);
    }

    /**
     * Sets a group's members to exactly {@code userIds} (SCIM's PUT and member replacement), and its name when given:
     * one change, one check of the last-admin rule, what follows settled for everyone whose roles changed.
     */
    @Transactional
    public Changed replaceMembers(Actor actor, String organizationId, String groupId, Collection<String> userIds) {
        RbacGroup group = visible(actor, organizationId, groupId);
        requireSource(actor, group);
        lock(actor, organizationId);
        Set<String> wanted = new LinkedHashSet<>(userIds);
        List<RbacGroupMember> current = groups.allMembers(group);
        Set<RbacGroupMember> removed = new LinkedHashSet<>();
        for (RbacGroupMember member : current) {
            if (!wanted.remove(member.userId())) {
                removed.add(member);
            }
        }
        Set<OrganizationMember> added = membersToAdd(actor, organizationId, wanted);
        if (!added.isEmpty() || !removed.isEmpty()) {
            decisions.requireMayChangeGrant(actor.principalKind(), group.roleIds());
        }
        List<String> warnings = new ArrayList<>();
        changeMembers(actor, organizationId, group, added, removed, warnings);
        return new Changed(group, warnings);
    }

    /** Adds and removes members of a group in the caller's transaction (SCIM's PATCH, which may name several at once). */
    @Transactional
    public Changed patchMembers(Actor actor, String organizationId, String groupId, Collection<String> add, Collection<String> remove) {
        RbacGroup group = visible(actor, organizationId, groupId);
        requireSource(actor, group);
        lock(actor, organizationId);
        Set<String> named = new LinkedHashSet<>(add);
        named.addAll(remove);
        Map<String, RbacGroupMember> current = groups.members(group.id(), named);
        Set<String> toAdd = new LinkedHashSet<>(add);
        toAdd.removeAll(current.keySet());
        Set<OrganizationMember> added = membersToAdd(actor, organizationId, toAdd);
        Set<RbacGroupMember> removed = new LinkedHashSet<>();
        for (String userId : new LinkedHashSet<>(remove)) {
            Optional.ofNullable(current.get(userId)).ifPresent(removed::add);
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            decisions.requireMayChangeGrant(actor.principalKind(), group.roleIds());
        }
        List<String> warnings = new ArrayList<>();
        changeMembers(actor, organizationId, group, added, removed, warnings);
        return new Changed(group, warnings);
    }

    /**
     * Sign-in provisioning's sync (roles.md): the person's membership of the organization's {@code scim} groups becomes
     * exactly those the token's claim names (as names compare); a claim never creates a group. A removal that would leave
     * nobody holding admin is not made (and audited as such): a sign-in never fails for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void syncClaims(String organizationId, OrganizationMember member, Collection<String> claimedNames) {
        Actor actor = Actor.signIn(member.user().id());
        String userId = member.user().id();
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : claimedNames) {
            groups.findByName(organizationId, name).filter(RbacGroup::managedByIdentityProvider).ifPresent(g -> wanted.add(g.id()));
        }
        List<RbacGroup> current = groups.groupsOf(organizationId, userId).stream().filter(RbacGroup::managedByIdentityProvider).toList();
        List<RbacGroup> toLeave = new ArrayList<>();
        for (RbacGroup group : current) {
            if (!wanted.remove(group.id())) {
                toLeave.add(group);
            }
        }
        if (wanted.isEmpty() && toLeave.isEmpty()) {
            return;
        }
        Map<String, Set<OrgRole>> before = memberRoles.snapshot(organizationId, List.of(userId));
        Instant now = Time.now();
        List<String> joined = new ArrayList<>();
        for (String groupId : wanted) {
            RbacGroup group = groups.find(organizationId, groupId).orElseThrow();
            groups.addMember(new RbacGroupMember(group, member.user(), now));
            joined.add(group.id());
        }
        List<String> left = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (RbacGroup group : toLeave) {
            RbacGroupMember membership = groups.member(group.id(), userId).orElseThrow();
            groups.removeMember(membership);
            if (decisions.grantsAdmin(group.roleIds()) && !adminRemains(organizationId)) {
                groups.addMember(new RbacGroupMember(group, member.user(), membership.createdAt()));
                kept.add(group.id());
            } else {
                left.add(group.id());
            }
        }
        JsonObjectBuilder details = JsonBuilders.object().add("joined", JsonBuilders.array(joined)).add("left", JsonBuilders.array(left));
        if (!kept.isEmpty()) {
            details.add("kept_as_last_admin", JsonBuilders.array(kept));
        }
        memberRoles.settle(actor, organizationId, before, details);
        audit.record(organizationId, actor, "rbac_group.sync_from_sign_in", "user", userId, details.build().toString());
    }

    private boolean adminRemains(String organizationId) {
        try {
            memberRoles.requireAdminHolder(organizationId, ErrorCode.LAST_ADMIN);
            return true;
        } catch (DomainException none) {
            return false;
        }
    }

    private RbacGroupMember change(Actor actor, String organizationId, RbacGroup group, Set<OrganizationMember> added, Set<RbacGroupMember> removed) {
        List<String> warnings = new ArrayList<>();
        List<RbacGroupMember> made = changeMembers(actor, organizationId, group, added, removed, warnings);
        return made.isEmpty() ? null : made.get(0);
    }

    /** Applies member additions and removals, then the last-admin check, then what follows for each person. */
    private List<RbacGroupMember> changeMembers(Actor actor, String organizationId, RbacGroup group, Set<OrganizationMember> added,
                                                Set<RbacGroupMember> removed, List<String> warnings) {
        if (added.isEmpty() && removed.isEmpty()) {
            return List.of();
        }
        List<String> affected = new ArrayList<>();
        if (!group.roleIds().isEmpty()) { // a group carrying no role changes nobody's roles by its members
            added.forEach(m -> affected.add(m.user().id()));
            removed.forEach(m -> affected.add(m.userId()));
        }
        Map<String, Set<OrgRole>> before = memberRoles.snapshot(organizationId, affected);
        Instant now = Time.now();
        List<RbacGroupMember> made = new ArrayList<>();
        for (OrganizationMember member : added) {
            RbacGroupMember membership = new RbacGroupMember(group, member.user(), now);
            groups.addMember(membership);
            made.add(membership);
        }
        for (RbacGroupMember membership : removed) {
            groups.removeMember(membership);
        }
        if (!removed.isEmpty() && decisions.grantsAdmin(group.roleIds())) {
            memberRoles.requireAdminHolder(organizationId, ErrorCode.LAST_ADMIN);
        }
        JsonObjectBuilder details = JsonBuilders.object()
                .add("added", JsonBuilders.array(added.stream().map(m -> m.user().id()).toList()))
                .add("removed", JsonBuilders.array(removed.stream().map(RbacGroupMember::userId).toList()));
        warnings.addAll(memberRoles.settle(actor, organizationId, before, details));
        audit.record(organizationId, actor, "rbac_group.members_change", "rbac_group", group.id(), details.build().toString());
        return made;
    }

    /** The ids of a group's members. */
    private List<String> memberIds(RbacGroup group) {
        return groups.allMembers(group).stream().map(RbacGroupMember::userId).toList();
    }

    /**
     * A person who may join a group: a member of the organization (never a service account); through the Admin API an
     * active one, through SCIM a suspended one too (the identity provider's group lists inactive people as well).
     */
    private OrganizationMember memberToAdd(Actor actor, String organizationId, String userId) {
        return membersToAdd(actor, organizationId, List.of(userId)).iterator().next();
    }

    /** The same for several people, in the order given (a few queries, however many). */
    private Set<OrganizationMember> membersToAdd(Actor actor, String organizationId, Collection<String> userIds) {
        Map<String, OrganizationMember> found = organizations.anyMembers(organizationId, userIds);
        Set<OrganizationMember> members = new LinkedHashSet<>();
        for (String userId : userIds) {
            OrganizationMember member = found.get(userId);
            if (member == null || (member.suspended() && actor.principalKind() != PrincipalKind.SCIM_TOKEN)) {
                throw DomainException.invalid(ErrorCode.NOT_AN_ORGANIZATION_MEMBER,
                        "Only members of the organization can join its groups: " + userId + " is not one.");
            }
            members.add(member);
        }
        return members;
    }

    /**
     * A group the actor may act on: SCIM sees only the groups it manages ({@code scim}); everyone else sees every group of
     * the organization. Not found otherwise, as for one that does not exist.
     */
    private RbacGroup visible(Actor actor, String organizationId, String groupId) {
        RbacGroup group = groups.find(organizationId, groupId).orElseThrow(GroupService::notFound);
        if (actor.principalKind() == PrincipalKind.SCIM_TOKEN && !group.managedByIdentityProvider()) {
            throw notFound();
        }
        return group;
    }

    /** A {@code scim} group's name and members are the identity provider's; a {@code direct} group's are the Admin API's. */
    private static void requireSource(Actor actor, RbacGroup group) {
        if (group.managedByIdentityProvider() && actor.principalKind() != PrincipalKind.SCIM_TOKEN) {
            throw DomainException.invalid(ErrorCode.GROUP_MANAGED_BY_IDENTITY_PROVIDER, "Group '" + group.name()
                    + "' is managed by the organization's identity provider (SCIM): change its name and members there; its roles can be set here.");
        }
    }

    private static RbacGroup.Source sourceOf(Actor actor) {
        return actor.principalKind() == PrincipalKind.SCIM_TOKEN ? RbacGroup.Source.SCIM : RbacGroup.Source.DIRECT;
    }

    /** Locks the organization row (every change of what people hold does) and, for a person, checks again that they still may. */
    private void lock(Actor actor, String organizationId) {
        if (actor.principalKind() == PrincipalKind.SCIM_TOKEN) {
            organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        } else {
            members.lockAndRecheckActor(actor, organizationId);
        }
    }

    /** The role ids given, each one of the organization's roles, without repeats. */
    List<String> roleIds(String organizationId, List<String> roleIds) {
        if (roleIds == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : roleIds) {
            if (id == null) {
                throw DomainException.notFound(ErrorCode.RBAC_ROLE_NOT_FOUND, "role null");
            }
            unique.add(id);
        }
        Set<String> custom = new LinkedHashSet<>(unique);
        custom.removeIf(id -> OrgRole.fromRoleId(id).isPresent());
        Map<String, DefinedRole> defined = definedRoles.byIds(organizationId, custom);
        for (String id : custom) {
            if (!defined.containsKey(id)) {
                throw DomainException.notFound(ErrorCode.RBAC_ROLE_NOT_FOUND, "role '" + id + "'");
            }
        }
        return List.copyOf(unique);
    }

    private static DomainException notFound() {
        return DomainException.notFound(ErrorCode.RBAC_GROUP_NOT_FOUND, "rbac_group");
    }

    /** The built-in roles a set of role ids names (for answers naming what a group gives). */
    public static Set<OrgRole> roles(Collection<String> roleIds) {
        EnumSet<OrgRole> roles = EnumSet.noneOf(OrgRole.class);
        roleIds.forEach(id -> OrgRole.fromRoleId(id).ifPresent(roles::add));
        return roles;
    }
}
