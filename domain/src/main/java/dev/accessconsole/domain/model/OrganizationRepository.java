package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.OrgRole;

import java.util.List;
import java.util.Optional;

public interface OrganizationRepository {

    void add(Organization organization);

    Optional<Organization> find(String organizationId);

    /** Finds the organization and locks its row until the transaction ends: serializes changes to its admins. */
    Optional<Organization> findForUpdate(String organizationId);

    void addMember(OrganizationMember member);

    void removeMember(OrganizationMember member);

    Optional<OrganizationMember> member(String organizationId, String userId);

    Page<OrganizationMember> members(String organizationId, String email, List<OrgRole> roles, PageRequest page);

    long countMembersWithRole(String organizationId, OrgRole role);

    /** The user's memberships, organizations and roles, oldest first. */
    List<OrganizationMember> membershipsOf(String userId);
}
