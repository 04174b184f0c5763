package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.PrincipalKind;

/**
 * Who performs a change, for restrictions and the audit log: a user, an Admin API key, an organization's SCIM token, a
 * sign-in that synced its token's claims (by the person's id), or platform support (by the token subject), each by id.
 */
public record Actor(String kindName, String id) {

    private static final String ADMIN_API_KEY = "admin_api_key";
    private static final String SCIM_TOKEN = "scim_token";

    public static Actor user(String userId) {
        return new Actor("user", userId);
    }

    public static Actor support(String subject) {
        return new Actor("support", subject == null ? "support" : subject.length() > 60 ? subject.substring(0, 60) : subject);
    }

    public static Actor scimToken(String tokenId) {
        return new Actor(SCIM_TOKEN, tokenId);
    }

    /** A person's sign-in, which provisioned them or synced their groups from their token's claims. */
    public static Actor signIn(String userId) {
        return new Actor("sign_in", userId);
    }

    public static Actor of(MemberStanding standing) {
        return new Actor(switch (standing.principalKind()) {
            case USER -> "user";
            case ADMIN_API_KEY -> ADMIN_API_KEY;
            case SCIM_TOKEN -> SCIM_TOKEN;
        }, standing.principalId());
    }

    /** The kind of principal, for the policy's restrictions; platform support and sign-ins act as people. */
    public PrincipalKind principalKind() {
        return switch (kindName) {
            case ADMIN_API_KEY -> PrincipalKind.ADMIN_API_KEY;
            case SCIM_TOKEN -> PrincipalKind.SCIM_TOKEN;
            default -> PrincipalKind.USER;
        };
    }

    public boolean isAdminApiKey() {
        return ADMIN_API_KEY.equals(kindName);
    }
}
