package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.OrgRole;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface OrganizationRepository {

    void add(Organization organization);

    Optional<Organization> find(String organizationId);

    /** Finds the organization and locks its row until the transaction ends: serializes changes to its admins. */
    Optional<Organization> findForUpdate(String organizationId);

    /** Reads the member's row again, locked until the transaction ends (a change that leaves admins alone). */
    void lock(OrganizationMember member);

    void addMember(OrganizationMember member);

    void removeMember(OrganizationMember member);

    /** An active member (suspended ones are nobody to the Admin API). */
    Optional<OrganizationMember> member(String organizationId, String userId);

    /** An active member's direct role, read without loading the member or the person (what role checks need). */
    Optional<OrgRole> activeRole(String organizationId, String userId);

    /** A member, suspended or not (SCIM sees inactive people too). */
    Optional<OrganizationMember> anyMember(String organizationId, String userId);

    /** Members, suspended or not, among {@code userIds}, by user id (one query per 500; their people loaded). */
    Map<String, OrganizationMember> anyMembers(String organizationId, Collection<String> userIds);

    /** A member, suspended or not, by their stored email (as emails compare). */
    Optional<OrganizationMember> anyMemberByEmail(String organizationId, String email);

    /** Members, suspended or not, by SCIM filter (email and/or external id equal; null: any), offset paging by user id. */
    List<OrganizationMember> search(String organizationId, String email, String externalId, int offset, int count);

    long count(String organizationId, String email, String externalId);

    /** Active members (email and roles filters optional), paged by user id, as lists show them. */
    Page<MemberListing> members(String organizationId, String email, List<OrgRole> roles, PageRequest page);


    /** The user's memberships, organizations and roles, oldest first. */
    List<OrganizationMember> membershipsOf(String userId);
}
