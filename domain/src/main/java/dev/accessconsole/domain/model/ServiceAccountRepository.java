package dev.accessconsole.domain.model;

import java.util.Optional;

/** Service accounts of an organization and their explicit workspace memberships. */
public interface ServiceAccountRepository {

    void add(ServiceAccount account);

    Optional<ServiceAccount> find(String organizationId, String serviceAccountId);

    Page<ServiceAccount> list(String organizationId, boolean includeArchived, PageRequest page);

    Optional<ServiceAccountMembership> membership(String serviceAccountId, String workspaceId);

    /** The account's explicit memberships in workspaces that are not archived, by workspace id. */
    Page<ServiceAccountMembership> memberships(String serviceAccountId, PageRequest page);

    /** The explicit memberships of service accounts in a workspace (accounts not archived), by account id. */
    Page<ServiceAccountMembership> membersOf(String workspaceId, PageRequest page);

    void addMembership(ServiceAccountMembership membership);

    void removeMembership(ServiceAccountMembership membership);
}
