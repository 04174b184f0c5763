package dev.accessconsole.authz.api;

import java.security.Principal;
import java.util.Optional;

/**
 * The verified bearer token of the current call, if any, resolved once per request and checked as the guard checks it
 * (a subject that names someone, no issue time in the future): a {@link Principal}, which is MicroProfile JWT's token
 * where that runs. The library provides the one implementation; a host reads the token's claims through it, never
 * through a second resolution of its own.
 */
public interface CallerTokens {

    /** The caller's token; the same answer for every call in one request. */
    Optional<Principal> current();

    /**
     * True for a token of the platform's support or gateway services: a token of the API's own issuer whose groups hold
     * one of theirs. Another issuer's groups (an identity provider's, where anyone may name a group "support") are
     * people's groups, never platform credentials.
     */
    boolean isPlatformCredential(Principal token);

    /** The refusal for a platform credential used where an organization member is expected (403). */
    static AccessDeniedException.MissingPermission platformCredentialRefused() {
        return new AccessDeniedException.MissingPermission(Permission.ORGANIZATION_READ.value(),
                "platform support and gateway credentials cannot act as organization members");
    }
}
