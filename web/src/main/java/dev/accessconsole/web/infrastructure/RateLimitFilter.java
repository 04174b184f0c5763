package dev.accessconsole.web.infrastructure;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accessconsole.authz.api.CallerTokens;
import dev.accessconsole.authz.api.ErrorCode;
import dev.accessconsole.authz.api.RequestHeaders;
import dev.accessconsole.domain.model.Secrets;
import dev.accessconsole.web.interfaces.errors.ErrorResponses;
import dev.accessconsole.web.interfaces.errors.ErrorType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Request rate limiting, before any database lookup:
 * <ul>
 *   <li>per credential: a token bucket per verified user token (issuer and subject), per Admin API key (its hash,
 *       however it was sent: {@code x-api-key} or {@code Authorization: Bearer sk-ant-…} is one credential), or per client
 *       address for anonymous calls; over the limit, 429 {@code rate_limit_error} with {@code retry-after};</li>
 *   <li>per client address, failed authentications: every 401 answered to an API key takes a token from the address's failure bucket,
 *       and an address whose failure bucket is empty gets 429 for any request with a credential that is not a verified
 *       token, before the credential is looked up, so guessing keys costs one bucket, not one per guess.</li>
 * </ul>
 * Buckets live in bounded Caffeine caches (idle ones expire). Limits are MicroProfile Config:
 * {@code accessconsole.rate-limit.requests-per-minute} (default 6000; 0 turns limiting off) and
 * {@code accessconsole.rate-limit.failed-authentications-per-minute} (default 60).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String REMAINING = "dev.accessconsole.rate-limit.remaining";
    private static final String ADDRESS = "dev.accessconsole.rate-limit.address";
    private static final long MAX_TRACKED = 100_000;

    private static final Cache<String, Bucket> CREDENTIALS = Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED).expireAfterAccess(Duration.ofMinutes(10)).build();
    private static final Cache<String, Bucket> FAILURES = Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED).expireAfterAccess(Duration.ofMinutes(10)).build();

    @Inject
    @ConfigProperty(name = "accessconsole.rate-limit.requests-per-minute", defaultValue = "6000")
    int requestsPerMinute;

    @Inject
    @ConfigProperty(name = "accessconsole.rate-limit.failed-authentications-per-minute", defaultValue = "60")
    int failuresPerMinute;

    @Inject
    CallerTokens tokens;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (requestsPerMinute <= 0) {
            return;
        }
        String address = "ip:" + servletRequest.getRemoteAddr();
        request.setProperty(ADDRESS, address);
        var token = tokens.current();
        String apiKey = apiKey(request);
        if (token.isEmpty() && apiKey != null && failuresPerMinute > 0) {
            Bucket failures = FAILURES.getIfPresent(address);
            if (failures != null && failures.peek(failuresPerMinute) > 0) {
                refuse(request, failures.peek(failuresPerMinute), "Too many failed authentications from this address: at most "
                        + failuresPerMinute + " a minute.", 0);
                return;
            }
        }
        String credential = token.map(t -> "jwt:" + t.getIssuer() + "|" + t.getSubject())
                .orElseGet(() -> apiKey != null ? "key:" + Secrets.hash(apiKey) : address);
        Bucket bucket = CREDENTIALS.get(credential, k -> new Bucket(requestsPerMinute));
        long waitSeconds = bucket.take(requestsPerMinute);
        request.setProperty(REMAINING, bucket.remaining());
        if (waitSeconds > 0) {
            refuse(request, waitSeconds, "Too many requests for this credential: at most " + requestsPerMinute + " per minute.",
                    bucket.remaining());
        }
    }

    /** Tells every caller where it stands: RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset; counts failed authentications. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (requestsPerMinute <= 0) {
            return;
        }
        // a key that did not authenticate is a guess; an anonymous call is not
        if (response.getStatus() == 401 && failuresPerMinute > 0 && apiKey(request) != null && tokens.current().isEmpty()
                && request.getProperty(ADDRESS) instanceof String address) {
            FAILURES.get(address, k -> new Bucket(failuresPerMinute)).take(failuresPerMinute);
        }
        Object remaining = request.getProperty(REMAINING);
        if (remaining instanceof Integer left) {
            headers(response.getHeaders(), requestsPerMinute, left);
        }
    }

    /** The Admin API key of the request, one credential whichever header carried it. */
    private static String apiKey(ContainerRequestContext request) {
        String key = request.getHeaderString(RequestHeaders.API_KEY);
        if (key != null && key.startsWith("Bearer ")) {
            key = key.substring("Bearer ".length());
        }
        key = key == null ? null : key.trim();
        return key == null || key.isEmpty() ? null : key;
    }

    private void refuse(ContainerRequestContext request, long waitSeconds, String message, int left) {
        Response refused = ErrorResponses.of(servletRequest, ErrorType.RATE_LIMIT, message, ErrorCode.RATE_LIMITED.value());
        Response.ResponseBuilder builder = Response.fromResponse(refused).header("Retry-After", Long.toString(waitSeconds));
        request.abortWith(builder.build());
        request.setProperty(REMAINING, left);
    }

    private static void headers(jakarta.ws.rs.core.MultivaluedMap<String, Object> headers, int limit, int left) {
        headers.putSingle("RateLimit-Limit", limit);
        headers.putSingle("RateLimit-Remaining", left);
        headers.putSingle("RateLimit-Reset", (int) Math.ceil((limit - left) * 60.0 / limit));
    }

    /** A token bucket refilled continuously at {@code perMinute} tokens a minute, holding at most {@code perMinute}. */
    static final class Bucket {
        private double tokens;
        private long lastRefill;

        Bucket(int perMinute) {
            this.tokens = perMinute;
            this.lastRefill = System.nanoTime();
        }

        /** Takes a token; returns 0 when granted, else the seconds to wait for one. */
        synchronized long take(int perMinute) {
            refill(perMinute);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return waitFor(perMinute);
        }

        /** The seconds to wait for a token, without taking one (0: one is there). */
        synchronized long peek(int perMinute) {
            refill(perMinute);
            return tokens >= 1 ? 0 : waitFor(perMinute);
        }

        private void refill(int perMinute) {
            long now = System.nanoTime();
            tokens = Math.min(perMinute, tokens + (now - lastRefill) * (perMinute / 60e9));
            lastRefill = now;
        }

        private long waitFor(int perMinute) {
            return Math.max(1, (long) Math.ceil((1 - tokens) / (perMinute / 60e9) / 1e9));
        }

        synchronized int remaining() {
            return (int) Math.floor(tokens);
        }
    }
}
