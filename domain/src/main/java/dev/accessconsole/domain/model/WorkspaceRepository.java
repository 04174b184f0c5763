package dev.accessconsole.domain.model;

import java.util.Optional;

public interface WorkspaceRepository {

    void add(Workspace workspace);

    Optional<Workspace> find(String organizationId, String workspaceId);

    Optional<Workspace> defaultWorkspace(String organizationId);

    /** Deletes every explicit workspace membership the user holds in the organization's workspaces. */
    int removeMembershipsOf(String organizationId, String userId);
}
