package dev.accessconsole.authz.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * The verified bearer token of the current call, if any. MicroProfile JWT hands an anonymous request a token with
 * no name; that counts as no token. Deployments without MP-JWT fall back to the container's caller principal.
 */
@ApplicationScoped
public class CallerTokens {

    /** Token groups that mark platform credentials, which never act as organization members. */
    public static final Set<String> PLATFORM_GROUPS = Set.of("support", "gateway");

    /** The same clock skew as mp.jwt.verify.clock.skew. */
    static final long ISSUED_AT_SKEW_SECONDS = 30;

    @Inject
    Instance<JsonWebToken> jsonWebToken;

    @Inject
    Instance<Principal> principal;

    @Inject
    BeanManager beans;

    private final CurrentReference<JsonWebToken> tokenReference = new CurrentReference<>();
    private final CurrentReference<Principal> principalReference = new CurrentReference<>();

    public Optional<JsonWebToken> current() {
        JsonWebToken token = null;
        try {
            token = tokenReference.get(jsonWebToken, beans);
        } catch (RuntimeException notAvailableHere) {
            token = null;
        }
        if (token == null || token.getName() == null) {
            token = fromPrincipal();
        }
        if (token == null || token.getName() == null || token.getSubject() == null) {
            return Optional.empty();
        }
        // SmallRye checks exp and nbf but not an issue time in the future: a token "issued" ahead of time is no credential
        if (token.getIssuedAtTime() > java.time.Instant.now().getEpochSecond() + ISSUED_AT_SKEW_SECONDS) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /** True for a token of the platform's support or gateway services. */
    public static boolean isPlatformCredential(JsonWebToken token) {
        return token.getGroups() != null && token.getGroups().stream().anyMatch(PLATFORM_GROUPS::contains);
    }

    /** The refusal for a platform credential used where an organization member is expected (403). */
    public static AccessDeniedException.MissingPermission platformCredentialRefused() {
        return new AccessDeniedException.MissingPermission(Permission.ORGANIZATION_READ.value(),
                "platform support and gateway credentials cannot act as organization members");
    }

    private JsonWebToken fromPrincipal() {
        try {
            Principal caller = principalReference.get(principal, beans);
            return caller instanceof JsonWebToken jwt ? jwt : null;
        } catch (RuntimeException notAvailableHere) {
            return null;
        }
    }
}
