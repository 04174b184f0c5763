package dev.accessconsole.authz.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
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

    @Inject
    Instance<RequestMemo> memos;

    private final CurrentReference<RequestMemo> memoReference = new CurrentReference<>();

    /**
     * The caller's token, resolved once per request: the first caller (the first filter) asks MicroProfile JWT, every
     * later one in the same request gets the same answer, and the token's claims are each read from it once.
     */
    public Optional<JsonWebToken> current() {
        RequestMemo memo;
        Optional<JsonWebToken> known;
        try {
            memo = memoReference.get(memos, beans);
            known = memo == null ? null : memo.token();
        } catch (ContextNotActiveException noRequest) {
            memo = null;
            known = null;
        }
        if (known == null) {
            known = resolve().map(OnceReadToken::new);
            if (memo != null) {
                memo.remember(known);
            }
        }
        return known;
    }

    private Optional<JsonWebToken> resolve() {
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

    /** This request's resolved token; a bean of its own so the answer ends with the request. */
    @RequestScoped
    public static class RequestMemo {
        private Optional<JsonWebToken> token;

        Optional<JsonWebToken> token() {
            return token;
        }

        void remember(Optional<JsonWebToken> token) {
            this.token = token;
        }
    }

    /**
     * A verified token whose claims are each read once from MicroProfile JWT's (request-scoped, converting) token: a
     * request reads issuer, subject, groups and a few claims from several places.
     */
    static final class OnceReadToken implements JsonWebToken {
        private static final Object ABSENT = new Object();
        private final JsonWebToken source;
        private final String name;
        private final java.util.Map<String, Object> claims = new java.util.concurrent.ConcurrentHashMap<>();

        OnceReadToken(JsonWebToken source) {
            this.source = source;
            this.name = source.getName();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return source.getClaimNames();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            Object value = claims.computeIfAbsent(claimName, claim -> {
                Object read = source.getClaim(claim);
                return read == null ? ABSENT : read;
            });
            return value == ABSENT ? null : (T) value;
        }

        @Override
        public String toString() {
            return "OnceReadToken[" + name + "]"; // never the raw token
        }
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
