package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.WorkspaceScope;

import java.util.Collection;
import java.util.Optional;

/** API keys of workspaces. */
public interface ApiKeyRepository {

    /** Filters of the list, as the Admin API names them. */
    record Filter(ApiKey.Status status, String workspaceId, String createdByUserId, java.time.Instant now) {
    }

    void add(ApiKey key);

    Optional<ApiKey> find(String organizationId, String apiKeyId);

    /** The keys of the workspaces of a scope the policy derived, filtered. */
    Page<ApiKey> list(String organizationId, WorkspaceScope scope, Filter filter, PageRequest page);

    /** Archives every key of a workspace that is not archived yet; returns how many. */
    int archiveInWorkspace(String workspaceId);

    /** Archives the keys bound to a member in the organization (in the given workspaces only, when not null); returns how many. */
    int archiveBoundTo(String organizationId, String userId, Collection<String> workspaceIds);
}
