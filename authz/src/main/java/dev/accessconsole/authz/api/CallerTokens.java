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

    /**
     * True for a token of the platform's support or gateway services: a token of the API's own issuer whose groups hold
     * one of theirs. Another issuer's groups (an identity provider's, where anyone may name a group "support") are
     * people's groups, never platform credentials.
     */
    static boolean isPlatformCredential(JsonWebToken token) {
        for (String group : PLATFORM_GROUPS) {
            if (holdsPlatformGroup(token, group)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the token is the API's own issuer's and its groups hold the platform group {@code group}. */
    static boolean holdsPlatformGroup(JsonWebToken token, String group) {
        Set<String> groups = token.getGroups();
        return groups != null && groups.contains(group) && OwnIssuer.is(token.getIssuer());
    }

    /** The API's own issuer ({@code mp.jwt.verify.issuer}), read once; without configuration (container-free tests) any. */
    final class OwnIssuer {
        private static volatile java.util.Optional<String> configured;

        private OwnIssuer() {
        }

        static boolean is(String issuer) {
            java.util.Optional<String> own = configured;
            if (own == null) {
                try {
                    own = org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("mp.jwt.verify.issuer", String.class);
                } catch (RuntimeException noConfiguration) {
                    own = java.util.Optional.empty();
                }
                configured = own;
            }
            return own.isEmpty() || own.get().equals(issuer);
        }
    }

    /** The refusal for a platform credential used where an organization member is expected (403). */
    static AccessDeniedException.MissingPermission platformCredentialRefused() {
        return new AccessDeniedException.MissingPermission(Permission.ORGANIZATION_READ.value(),
                "platform support and gateway credentials cannot act as organization members");
    }
}
