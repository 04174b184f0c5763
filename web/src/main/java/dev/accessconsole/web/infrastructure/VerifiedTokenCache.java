package dev.accessconsole.web.infrastructure;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * RS256 once per token, not once per request: decorates SmallRye JWT's parser (the one the MP-JWT mechanism calls) with a
 * bounded cache of verified tokens, keyed by the SHA-256 of the token, as PostgREST and Envoy's {@code jwt_authn} do.
 * <ul>
 *   <li>Only a token that verified is kept, and only until its {@code exp} itself (the parser's clock skew is not
 *       extended: past {@code exp} it is verified again), never longer than {@link #MAX_AGE}: a key removed from the
 *       key set (JWKS rotation) stops being honoured within that time; a key configured in the server's settings
 *       changes only with a restart, which empties this cache.</li>
 *   <li>A token that fails is verified again on every request (nothing about it is remembered).</li>
 *   <li>The cache holds the parsed token, never the token text; its key is a hash.</li>
 *   <li>A token whose {@code iss} names the console's sign-in provider, when that is not the API's own issuer, is
 *       verified with the provider's keys ({@link SignInProvider}); every other token by the API's parser.</li>
 * </ul>
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class VerifiedTokenCache implements JWTParser {

    /** The longest a verification is reused, whatever the token's exp. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Verified(JsonWebToken token, long expiresAtNanos) {
    }

    private static final Cache<String, Verified> VERIFIED = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfter(new Expiry<String, Verified>() {
                @Override
                public long expireAfterCreate(String key, Verified value, long currentTime) {
                    return Math.max(0, value.expiresAtNanos() - currentTime);
                }

                @Override
                public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                    return expireAfterCreate(key, value, currentTime);
                }

                @Override
                public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            })
            .build();

    @Inject
    @Delegate
    JWTParser delegate;

    @Inject
    SignInProvider signInProvider;

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        if (bearerToken == null || bearerToken.length() > 16_384) {
            return verify(bearerToken);
        }
        String key = sha256(bearerToken);
        Verified cached = VERIFIED.getIfPresent(key);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return cached.token();
        }
        JsonWebToken verified = verify(bearerToken);
        long secondsLeft = verified.getExpirationTime() - System.currentTimeMillis() / 1000;
        long lifetime = Math.min(Duration.ofSeconds(Math.max(0, secondsLeft)).toNanos(), MAX_AGE.toNanos());
        if (lifetime > 0) {
            VERIFIED.put(key, new Verified(verified, now + lifetime));
        }
        return verified;
    }

    /** The provider's parser for a token naming the console's sign-in provider (another issuer than the API's), else the API's. */
    private JsonWebToken verify(String bearerToken) throws ParseException {
        return signInProvider.verifierFor(bearerToken).orElse(delegate).parse(bearerToken);
    }

    /** Forgets every verification (tests; a key set replaced at run time). */
    public static void clear() {
        VERIFIED.invalidateAll();
    }

    /** One digest per thread: looking the algorithm up costs more than hashing a token. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String sha256(String text) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
