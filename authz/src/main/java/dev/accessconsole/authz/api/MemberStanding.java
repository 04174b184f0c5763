package dev.accessconsole.authz.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A principal's place in one organization, loaded once per request: who it is, the organization roles it holds (its
 * direct role and those of its groups, each with its source), the custom roles its groups carry, its explicit workspace memberships (workspace id → kind
 * and role), and the moment before which its sessions were ended (sign-out; epoch seconds, 0: never). Everything the
 * policy needs to answer "may it do P in W?" (with the facts of W) and "which workspaces may it see for P?".
 * <p>
 * Immutable; a standing is cached and shared between requests, so the policy keeps what it derives from the roles (the
 * union of their grants, computed once) with it, in {@link #derived}.
 */
public final class MemberStanding {

    /** An explicit membership in one workspace. */
    public record Membership(WorkspaceKind kind, WorkspaceRole role) {
    }

    private final String organizationId;
    private final PrincipalKind principalKind;
    private final String principalId;
    private final List<HeldRole> roles;
    private final List<HeldCustomRole> customRoles;
    private final Map<String, Membership> memberships;
    private final long sessionsNotBefore;

    /** What the policy derived from the roles, made on first use; nobody else reads or writes it. */
    private volatile Object derived;

    public MemberStanding(String organizationId, PrincipalKind principalKind, String principalId, List<HeldRole> roles,
                          Map<String, Membership> memberships, long sessionsNotBefore) {
        this(organizationId, principalKind, principalId, roles, List.of(), memberships, sessionsNotBefore);
    }

    /** With the custom roles the principal holds (through its groups) besides its built-in ones. */
    public MemberStanding(String organizationId, PrincipalKind principalKind, String principalId, List<HeldRole> roles,
                          List<HeldCustomRole> customRoles, Map<String, Membership> memberships, long sessionsNotBefore) {
        this.organizationId = organizationId;
        this.principalKind = principalKind;
        this.principalId = principalId;
        this.roles = List.copyOf(roles);
        this.customRoles = List.copyOf(customRoles);
        this.memberships = Map.copyOf(memberships);
        this.sessionsNotBefore = sessionsNotBefore;
    }

    /** A principal holding one role of its own (a member without groups; an Admin API key acting as admin). */
    public MemberStanding(String organizationId, PrincipalKind principalKind, String principalId, OrgRole role,
                          Map<String, Membership> memberships) {
        this(organizationId, principalKind, principalId,
                role == null ? List.of() : List.of(new HeldRole(role, principalKind == PrincipalKind.USER ? GrantSource.DIRECT : GrantSource.CREDENTIAL)),
                memberships, 0);
    }

    public String organizationId() {
        return organizationId;
    }

    public PrincipalKind principalKind() {
        return principalKind;
    }

    public String principalId() {
        return principalId;
    }

    public List<HeldRole> roles() {
        return roles;
    }

    /** The custom roles held, each with its source. */
    public List<HeldCustomRole> customRoles() {
        return customRoles;
    }

    public Map<String, Membership> memberships() {
        return memberships;
    }

    public long sessionsNotBefore() {
        return sessionsNotBefore;
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

    /**
     * What the policy derived from this standing, computed by {@code derive} the first time (a race computes it twice,
     * the same value). For the policy's use only.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(java.util.function.Function<MemberStanding, T> derive) {
        Object known = derived;
        if (known == null) {
            known = derive.apply(this);
            derived = known;
        }
        return (T) known;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemberStanding that && sessionsNotBefore == that.sessionsNotBefore && organizationId.equals(that.organizationId)
                && principalKind == that.principalKind && Objects.equals(principalId, that.principalId) && roles.equals(that.roles)
                && customRoles.equals(that.customRoles) && memberships.equals(that.memberships);
    }

    @Override
    public int hashCode() {
        return Objects.hash(organizationId, principalKind, principalId, roles, customRoles, memberships, sessionsNotBefore);
    }

    @Override
    public String toString() {
        return "MemberStanding[" + organizationId + ", " + principalKind + " " + principalId + ", " + roles
                + (customRoles.isEmpty() ? "" : ", " + customRoles) + "]";
    }
}
