package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.ErrorCode;
import dev.accessconsole.authz.api.RequestHeaders;
import dev.accessconsole.authz.api.CallerTokens;
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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-credential request rate limiting (a token bucket per user token subject, Admin API key, or client address for
 * anonymous calls): over the limit, 429 {@code rate_limit_error} with {@code retry-after}. The limit is
 * {@code accessconsole.rate-limit.requests-per-minute} (MicroProfile Config, default 6000; 0 turns it off), with a burst of the
 * same size.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String REMAINING = "dev.accessconsole.rate-limit.remaining";

    private static final int MAX_TRACKED = 100_000;
    private static final Map<String, Bucket> BUCKETS = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "accessconsole.rate-limit.requests-per-minute", defaultValue = "6000")
    int requestsPerMinute;

    @Inject
    CallerTokens tokens;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (requestsPerMinute <= 0) {
            return;
        }
        if (BUCKETS.size() > MAX_TRACKED) {
            long now = System.nanoTime();
            BUCKETS.values().removeIf(bucket -> bucket.idleFor(now) > 600_000_000_000L);
        }
        Bucket bucket = BUCKETS.computeIfAbsent(credential(request), k -> new Bucket(requestsPerMinute));
        long waitSeconds = bucket.take(requestsPerMinute);
        request.setProperty(REMAINING, bucket.remaining());
        if (waitSeconds > 0) {
            Response refused = ErrorResponses.of(servletRequest, ErrorType.RATE_LIMIT,
                    "Too many requests for this credential: at most " + requestsPerMinute + " per minute.", ErrorCode.RATE_LIMITED.value());
            request.abortWith(Response.fromResponse(refused).header("Retry-After", Long.toString(waitSeconds)).build());
        }
    }

    /** Tells every caller where it stands: RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (seconds to a full bucket). */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object remaining = request.getProperty(REMAINING);
        if (remaining instanceof Integer left && requestsPerMinute > 0) {
            response.getHeaders().putSingle("RateLimit-Limit", requestsPerMinute);
            response.getHeaders().putSingle("RateLimit-Remaining", left);
            response.getHeaders().putSingle("RateLimit-Reset", (int) Math.ceil((requestsPerMinute - left) * 60.0 / requestsPerMinute));
        }
    }

    private String credential(ContainerRequestContext request) {
        var token = tokens.current();
        if (token.isPresent()) {
            return "jwt:" + token.get().getIssuer() + "|" + token.get().getSubject();
        }
        String key = request.getHeaderString(RequestHeaders.API_KEY);
        if (key != null && !key.isBlank()) {
            return "key:" + Secrets.hash(key);
        }
        return "ip:" + servletRequest.getRemoteAddr();
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
            long now = System.nanoTime();
            double perNano = perMinute / 60e9;
            tokens = Math.min(perMinute, tokens + (now - lastRefill) * perNano);
            lastRefill = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        synchronized int remaining() {
            return (int) Math.floor(tokens);
        }

        synchronized long idleFor(long now) {
            return now - lastRefill;
        }
    }
}
