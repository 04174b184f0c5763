package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.WorkspaceScope;

import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /** The organization's workspaces that have a limit of their own set (archived ones included). */
    List<Workspace> withLimits(String organizationId);

    /** The organization's workspaces that are not archived, every kind, by id. */
    List<Workspace> active(String organizationId);

    /** The organization's workspaces with a monthly spend limit in the spend-limit store. */
    List<Workspace> withMonthlySpendLimit(String organizationId);

    /** The workspaces of a scope the policy derived, with the archived and Default ones only when asked for. */
    Page<Workspace> visibleTo(String organizationId, WorkspaceScope scope, boolean includeArchived, boolean includeDefault,
                              List<String> ids, PageRequest page);

    /** Finds the workspace and locks its row until the transaction ends: serializes changes to its members. */
    Optional<Workspace> findForUpdate(String organizationId, String workspaceId);

    /** The user's explicit memberships in the organization's workspaces, with their workspaces. */
    List<WorkspaceMember> explicitMembershipsOf(String organizationId, String userId);

    /** The same for several people, by user id (one query per 500). */
    Map<String, List<WorkspaceMember>> explicitMembershipsOf(String organizationId, Collection<String> userIds);

    Optional<WorkspaceMember> explicitMember(String workspaceId, String userId);

    void addMember(WorkspaceMember member);

    void removeMember(WorkspaceMember member);

    /**
     * The members shown in a workspace's member list, as the policy's member-list scope of its kind says: explicit
     * members and members whose org role implies a place there, among those whose org role may enter it. Each row is
     * the org membership with the explicit membership or null.
     */
    Page<MemberRow> members(Workspace workspace, PageRequest page);

    record MemberRow(OrganizationMember member, WorkspaceMember explicit) {
    }

    /** Deletes every explicit workspace membership the user holds in the organization's workspaces. */
    int removeMembershipsOf(String organizationId, String userId);
}
