package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.MemberListing;
import dev.accessconsole.domain.model.OrganizationMember;

import java.time.Instant;

/** An organization member as the Admin API shows it. */
public record UserJson(String id, String type, String email, String name, String role, Instant addedAt) {

    @Override
    public int hashCode() {
        return id.hashCode(); // see ListJson.hashCode
    }

    public static UserJson of(MemberListing member) {
        return new UserJson(member.userId(), "user", member.email(), member.name(), member.role().value(), member.addedAt());
    }

    public static UserJson of(OrganizationMember member) {
        return of(member.listing());
    }
}
