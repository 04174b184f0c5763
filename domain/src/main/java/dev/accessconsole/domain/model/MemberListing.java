package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.OrgRole;

import java.time.Instant;

/**
 * An active member as a list shows them, read as a projection of the member's and the person's rows: a list of members
 * loads no entity (nothing to hydrate, register in the persistence context or resolve natural ids for), and reads five
 * columns instead of every column of both rows.
 */
public record MemberListing(String userId, String email, String name, OrgRole role, Instant addedAt) {

    /** What the query selects: the stored role and the person's name, which is their email when they gave none. */
    public MemberListing(String userId, String email, String name, String role, Instant addedAt) {
        this(userId, email, UserAccount.displayName(name, email), OrgRole.fromValue(role).orElseThrow(), addedAt);
    }
}
