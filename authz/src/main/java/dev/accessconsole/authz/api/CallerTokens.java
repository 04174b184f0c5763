package dev.accessconsole.authz.api;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * The verified bearer token of the current call, if any, resolved once per request. MicroProfile JWT hands an
 * anonymous request a token with no name; that counts as no token. Deployments without MP-JWT fall back to the
 * container's caller principal. The authz module provides the one implementation.
 */
public interface CallerTokens {

    /** Token groups that mark platform credentials, which never act as organization members. */
    Set<String> PLATFORM_GROUPS = Set.of("support", "gateway");

    /** The caller's token; the same answer for every call in one request. */
    Optional<JsonWebToken> current();

    /** True for a token of the platform's support or gateway services. */
    static boolean isPlatformCredential(JsonWebToken token) {
        Set<String> groups = token.getGroups();
        if (groups == null) {
            return false;
        }
        for (String group : PLATFORM_GROUPS) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    /** The refusal for a platform credential used where an organization member is expected (403). */
    static AccessDeniedException.MissingPermission platformCredentialRefused() {
        return new AccessDeniedException.MissingPermission(Permission.ORGANIZATION_READ.value(),
                "platform support and gateway credentials cannot act as organization members");
    }
}
