package dev.accessconsole.authz.api;

import java.util.Set;

/**
 * Who appears in the member list of a workspace of {@code kind}: members holding a role that may enter it
 * ({@code eligible}: any held role among these lets them in), with an explicit membership or holding a role in
 * {@code implied}. Default has no list.
 */
public record MemberListScope(Set<OrgRole> eligible, Set<OrgRole> implied) {

    /** True when every role may enter (no eligibility condition needed). */
    public boolean everyoneEligible() {
        return eligible.size() == OrgRole.values().length;
    }
}
