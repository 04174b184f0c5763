package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.CallerTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CallerTokens} for a request: the first caller (the first filter) asks for the token, every later one in the
 * same request gets the same answer from the request's {@link RequestState}, and the token's claims are each read from
 * it once.
 */
@ApplicationScoped
public class RequestCallerTokens implements CallerTokens {

    /** The same clock skew as mp.jwt.verify.clock.skew. */
    static final long ISSUED_AT_SKEW_SECONDS = 30;

    @Inject
    Instance<HttpServletRequest> requests;

    @Inject
    Instance<JsonWebToken> jsonWebToken;

    @Inject
    Instance<Principal> principal;

    @Inject
    RequestAccessContext context;

    @Inject
    BeanManager beans;

    private final CurrentReference<HttpServletRequest> requestReference = new CurrentReference<>();
    private final CurrentReference<JsonWebToken> tokenReference = new CurrentReference<>();
    private final CurrentReference<Principal> principalReference = new CurrentReference<>();

    /** Token groups that mark platform credentials, which never act as organization members. */
    static final Set<String> PLATFORM_GROUPS = Set.of("support", "gateway");

    @Override
    public Optional<Principal> current() {
        return token().map(Principal.class::cast);
    }

    @Override
    public boolean isPlatformCredential(Principal token) {
        return token instanceof JsonWebToken jwt && isPlatformToken(jwt);
    }

    /** Whether the token is a platform service's (support, gateway): the API's own issuer, a platform group. */
    static boolean isPlatformToken(JsonWebToken token) {
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
    static final class OwnIssuer {
        private static volatile Optional<String> configured;

        private OwnIssuer() {
        }

        static boolean is(String issuer) {
            Optional<String> own = configured;
            if (own == null) {
                try {
                    own = org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("mp.jwt.verify.issuer", String.class);
                } catch (RuntimeException noConfiguration) {
                    own = Optional.empty();
                }
                configured = own;
            }
            return own.isEmpty() || own.get().equals(issuer);
        }
    }

    /** The caller's verified token (MicroProfile JWT's), resolved once per request. */
    Optional<JsonWebToken> token() {
        RequestState state;
        Optional<JsonWebToken> known;
        try {
            state = context.state();
            known = state.token();
        } catch (ContextNotActiveException noRequest) {
            state = null;
            known = null;
        }
        if (known == null) {
            known = resolve(state);
            if (state != null) {
                state.rememberToken(known);
            }
        }
        return known;
    }

    /**
     * Tokens already read, with the claims they were read for: a request with a verified token seen before (MP-JWT's
     * verified-token cache gives the same token object back) reads none of its claims again. A token's claims never
     * change; a slot is found by the token object's identity and compared by identity only. Bounded: a direct-mapped
     * table of {@value #READ_SLOTS} slots, a newer token taking an older one's slot (no lock, nothing kept per thread).
     */
    static final int READ_SLOTS = 1024;
    private static final java.util.concurrent.atomic.AtomicReferenceArray<OnceReadToken> READ =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(READ_SLOTS);

    static OnceReadToken onceRead(JsonWebToken source) {
        int slot = System.identityHashCode(source) & (READ_SLOTS - 1);
        OnceReadToken known = READ.get(slot);
        if (known != null && known.source == source) {
            return known;
        }
        OnceReadToken fresh = new OnceReadToken(source);
        READ.set(slot, fresh);
        return fresh;
    }

    private Optional<JsonWebToken> resolve(RequestState state) {
        // in an HTTP request the container's caller principal is MP-JWT's verified token itself: asking for it there
        // spares Weld's producer of the request-scoped token bean (a visible part of every request's CPU)
        JsonWebToken token = fromRequest(state);
        // only that principal is a token object of its own, the same one again for the same verified token: its claims
        // may be remembered; the request-scoped bean and the injected principal are proxies whose identity every
        // request shares, and are read afresh
        boolean ownObject = token != null && token.getName() != null;
        if (!ownObject) {
            try {
                token = tokenReference.get(jsonWebToken, beans);
            } catch (RuntimeException notAvailableHere) {
                token = null;
            }
        }
        if (token == null || token.getName() == null) {
            token = fromPrincipal();
        }
        if (token == null || token.getName() == null || token.getSubject() == null || token.getSubject().isBlank()) {
            // a token naming nobody (an empty or blank sub) is no credential: 401 (roles.md)
            return Optional.empty();
        }
        // SmallRye checks exp and nbf but not an issue time in the future: a token "issued" ahead of time is no credential
        if (token.getIssuedAtTime() > Instant.now().getEpochSecond() + ISSUED_AT_SKEW_SECONDS) {
            return Optional.empty();
        }
        return Optional.of(ownObject ? onceRead(token) : new OnceReadToken(token));
    }

    private JsonWebToken fromRequest(RequestState state) {
        try {
            if (state != null && state.request() != null) {
                return state.request().caller() instanceof JsonWebToken jwt ? jwt : null;
            }
            HttpServletRequest request = requestReference.get(requests, beans);
            return request != null && request.getUserPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        } catch (RuntimeException noHttpRequest) {
            return null;
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

    /**
     * A verified token whose claims are each read once from MicroProfile JWT's (request-scoped, converting) token: a
     * request reads issuer, subject, groups and a few claims from several places.
     */
    static final class OnceReadToken implements JsonWebToken {
        private static final Object ABSENT = new Object();
        private final JsonWebToken source;
        private final String name;
        private volatile Set<String> names;
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
            return names();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            Object value = claims.computeIfAbsent(claimName, claim -> {
                // a claim the token does not carry is not asked of MP-JWT, which answers a name outside its Claims
                // enum by catching an exception (a visible part of each request's CPU for org_id)
                if (!names().contains(claim)) {
                    return ABSENT;
                }
                Object read = source.getClaim(claim);
                return read == null ? ABSENT : read;
            });
            return value == ABSENT ? null : (T) value;
        }

        private Set<String> names() {
            Set<String> known = names;
            if (known == null) {
                Set<String> read = source.getClaimNames();
                known = read == null ? Set.of() : Set.copyOf(read);
                names = known;
            }
            return known;
        }

        @Override
        public String toString() {
            return "OnceReadToken[" + name + "]"; // never the raw token
        }
    }
}
