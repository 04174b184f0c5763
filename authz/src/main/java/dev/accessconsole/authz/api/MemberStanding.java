package dev.accessconsole.authz.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A principal's place in one organization, loaded once per request: who it is, the organization roles it holds (its
 * direct role and those of its groups, each with its source), its explicit workspace memberships (workspace id → kind
 * and role), and the moment before which its sessions were ended (sign-out; epoch seconds, 0: never). Everything the
 * policy needs to answer "may it do P in W?" (with the facts of W) and "which workspaces may it see for P?".
 */
public record MemberStanding(String organizationId,
                             PrincipalKind principalKind,
                             String principalId,
                             List<HeldRole> roles,
                             Map<String, Membership> memberships,
                             long sessionsNotBefore) {

    /** An explicit membership in one workspace. */
    public record Membership(WorkspaceKind kind, WorkspaceRole role) {
    }

    public MemberStanding {
        roles = List.copyOf(roles);
        memberships = Map.copyOf(memberships);
    }

    /** A principal holding one role of its own (a member without groups; an Admin API key acting as admin). */
    public MemberStanding(String organizationId, PrincipalKind principalKind, String principalId, OrgRole role,
                          Map<String, Membership> memberships) {
        this(organizationId, principalKind, principalId,
                role == null ? List.of() : List.of(new HeldRole(role, principalKind == PrincipalKind.USER ? GrantSource.DIRECT : GrantSource.CREDENTIAL)),
                memberships, 0);
    }

    public boolean isAdminApiKey() {
        return principalKind == PrincipalKind.ADMIN_API_KEY;
    }

    /** The role the principal holds of its own (a member's direct role, the role a credential acts with); null for none. */
    public OrgRole directRole() {
        for (HeldRole held : roles) {
            if (held.source().type() != GrantSource.Type.RBAC_GROUP) {
                return held.role();
            }
        }
        return null;
    }

    /** Every organization role held, whatever its source. */
    public Set<OrgRole> heldRoles() {
        EnumSet<OrgRole> held = EnumSet.noneOf(OrgRole.class);
        for (HeldRole role : roles) {
            held.add(role.role());
        }
        return held;
    }

    /** The explicit role in a workspace, or null without one. */
    public WorkspaceRole explicitRoleIn(String workspaceId) {
        Membership membership = workspaceId == null ? null : memberships.get(workspaceId);
        return membership == null ? null : membership.role();
    }
}
