package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.MemberStanding;

import java.util.List;
import java.util.Optional;

public interface WorkspaceRepository {

    void add(Workspace workspace);

    Optional<Workspace> find(String organizationId, String workspaceId);

    Optional<Workspace> defaultWorkspace(String organizationId);

    /** The named workspace of the organization, or its Default workspace when {@code workspaceId} is null. */
    default Optional<Workspace> findOrDefault(String organizationId, String workspaceId) {
        return workspaceId == null ? defaultWorkspace(organizationId) : find(organizationId, workspaceId);
    }

    Optional<Workspace> claudeCodeWorkspace(String organizationId);

    long countActiveStandard(String organizationId);

    /** The workspaces the standing's principal may read, with the archived and Default ones only when asked for. */
    Page<Workspace> visibleTo(MemberStanding standing, boolean includeArchived, boolean includeDefault, List<String> ids, PageRequest page);

    Optional<WorkspaceMember> explicitMember(String workspaceId, String userId);

    void addMember(WorkspaceMember member);

    void removeMember(WorkspaceMember member);

    /**
     * The members shown in a workspace's member list: explicit members and, by implication, org admins and (outside
     * the Claude Code workspace) org billing members; in the Default workspace every org member. Each row is the
     * org membership with the explicit membership or null.
     */
    Page<MemberRow> members(Workspace workspace, PageRequest page);

    record MemberRow(OrganizationMember member, WorkspaceMember explicit) {
    }

    /** Deletes every explicit workspace membership the user holds in the organization's workspaces. */
    int removeMembershipsOf(String organizationId, String userId);
}
