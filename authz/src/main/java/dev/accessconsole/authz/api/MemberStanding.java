package dev.accessconsole.authz.api;

/**
 * A principal's place in one organization, and in the requested workspace when one was asked for
 * ({@code workspace} is null when none was asked for or it is not in this organization).
 */
public record MemberStanding(String organizationId,
                             PrincipalKind principalKind,
                             String principalId,
                             OrgRole orgRole,
                             WorkspaceStanding workspace) {

    public boolean isAdminApiKey() {
        return principalKind == PrincipalKind.ADMIN_API_KEY;
    }
}
