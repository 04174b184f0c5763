package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.HeldRole;
import dev.accessconsole.authz.api.OrgRole;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An organization's groups and their members (the group aggregate). */
public interface RbacGroupRepository {

    void add(RbacGroup group);

    void remove(RbacGroup group);

    Optional<RbacGroup> find(String organizationId, String groupId);

    Optional<RbacGroup> findByName(String organizationId, String name);

    Optional<RbacGroup> findByExternalId(String organizationId, String externalId);

    Page<RbacGroup> list(String organizationId, PageRequest page);

    /** Groups of the organization by SCIM filter: {@code displayName} and/or {@code externalId} equal (null: any), offset paging. */
    List<RbacGroup> search(String organizationId, String displayName, String externalId, int offset, int count);

    long count(String organizationId, String displayName, String externalId);

    Page<RbacGroupMember> members(RbacGroup group, PageRequest page);

    /** Every member of the group (SCIM answers whole groups). */
    List<RbacGroupMember> allMembers(RbacGroup group);

    Optional<RbacGroupMember> member(String groupId, String userId);

    /** The memberships of the group among {@code userIds}, by user id (one query per 500). */
    Map<String, RbacGroupMember> members(String groupId, Collection<String> userIds);

    void addMember(RbacGroupMember member);

    void removeMember(RbacGroupMember member);

    /** The groups of the organization the person belongs to, by name. */
    List<RbacGroup> groupsOf(String organizationId, String userId);

    /** A role id a group of the person carries (for custom roles: built-in ones come as {@link HeldRole}s). */
    record GroupGrant(String groupId, String groupName, String roleId) {
    }

    /** The ids of roles that are not built in (custom roles) the person's groups in the organization carry. */
    List<GroupGrant> customRoleGrants(String organizationId, String userId);

    /** The roles the person's groups in the organization carry, each with its group as source (built-in roles only). */
    List<HeldRole> groupRoles(String organizationId, String userId);

    /** The same for some people of the organization: user id → roles through groups. */
    Map<String, List<HeldRole>> groupRoles(String organizationId, Collection<String> userIds);

    /** The same for every person of the organization: user id → roles through groups. */
    Map<String, List<HeldRole>> groupRolesOfOrganization(String organizationId);

    /** The groups of the organization carrying any of these roles. */
    List<RbacGroup> carrying(String organizationId, Collection<String> roleIds);

    /** The ids of the people in any of these groups who are active members of the organization. */
    Set<String> activeMembersOf(String organizationId, Collection<String> groupIds);

    /** Whether a role id is carried by any group (of any organization: built-in ids are shared). */
    boolean anyCarries(String organizationId, String roleId);

    /** The active members holding a role directly. */
    Set<String> activeMembersWithDirectRole(String organizationId, OrgRole role);
}
