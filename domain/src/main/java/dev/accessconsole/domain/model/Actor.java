package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.PrincipalKind;

/** Who performs a change: a user (by id) or an Admin API key (by id), for restrictions and the audit log. */
public record Actor(PrincipalKind kind, String id) {

    public static Actor user(String userId) {
        return new Actor(PrincipalKind.USER, userId);
    }

    public static Actor of(MemberStanding standing) {
        return new Actor(standing.principalKind(), standing.principalId());
    }

    public boolean isAdminApiKey() {
        return kind == PrincipalKind.ADMIN_API_KEY;
    }

    public String kindName() {
        return kind == PrincipalKind.USER ? "user" : "admin_api_key";
    }
}
