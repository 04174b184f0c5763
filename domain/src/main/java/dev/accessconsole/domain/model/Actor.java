package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.PrincipalKind;

/**
 * Who performs a change, for restrictions and the audit log: a user, an Admin API key, or platform support (by the
 * token subject), each by id.
 */
public record Actor(String kindName, String id) {

    private static final String ADMIN_API_KEY = "admin_api_key";

    public static Actor user(String userId) {
        return new Actor("user", userId);
    }

    public static Actor support(String subject) {
        return new Actor("support", subject == null ? "support" : subject.length() > 60 ? subject.substring(0, 60) : subject);
    }

    public static Actor of(MemberStanding standing) {
        return new Actor(standing.principalKind() == PrincipalKind.USER ? "user" : ADMIN_API_KEY, standing.principalId());
    }

    /** The kind of principal, for the policy's restrictions; platform support is no organization principal. */
    public PrincipalKind principalKind() {
        return isAdminApiKey() ? PrincipalKind.ADMIN_API_KEY : PrincipalKind.USER;
    }

    public boolean isAdminApiKey() {
        return ADMIN_API_KEY.equals(kindName);
    }
}
