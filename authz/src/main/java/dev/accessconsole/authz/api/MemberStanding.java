package dev.accessconsole.authz.api;

import java.util.Map;

/**
 * A principal's place in one organization, loaded once per request: who it is, its org role and its explicit
 * workspace memberships (workspace id → kind and role). Everything the policy needs to answer "may it do P in W?"
 * (with the facts of W) and "which workspaces may it see for P?".
 */
public record MemberStanding(String organizationId,
                             PrincipalKind principalKind,
                             String principalId,
                             OrgRole orgRole,
                             Map<String, Membership> memberships) {

    /** An explicit membership in one workspace. */
    public record Membership(WorkspaceKind kind, WorkspaceRole role) {
    }

    public MemberStanding {
        memberships = Map.copyOf(memberships);
    }

    public boolean isAdminApiKey() {
        return principalKind == PrincipalKind.ADMIN_API_KEY;
    }

    /** The explicit role in a workspace, or null without one. */
    public WorkspaceRole explicitRoleIn(String workspaceId) {
        Membership membership = workspaceId == null ? null : memberships.get(workspaceId);
        return membership == null ? null : membership.role();
    }
}
