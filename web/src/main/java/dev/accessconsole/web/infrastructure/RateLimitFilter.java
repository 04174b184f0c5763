package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.CallerTokens;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.RequestHeaders;
import dev.accessconsole.domain.infrastructure.limits.SharedRateLimits;
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
 * Buckets are shared by every node of a cluster ({@link SharedRateLimits}: one number per bucket in a replicated
 * Infinispan cache), so a credential gets the same budget however a balancer spreads its calls. Limits are MicroProfile Config:
 * {@code accessconsole.rate-limit.requests-per-minute} (default 6000; 0 turns limiting off) and
 * {@code accessconsole.rate-limit.failed-authentications-per-minute} (default 60).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String REMAINING = "dev.accessconsole.rate-limit.remaining";
    private static final String ADDRESS = "dev.accessconsole.rate-limit.address";
    private static final String FAILURES = "failed:";

    @Inject
    @ConfigProperty(name = "accessconsole.rate-limit.requests-per-minute", defaultValue = "6000")
    int requestsPerMinute;

    @Inject
    @ConfigProperty(name = "accessconsole.rate-limit.failed-authentications-per-minute", defaultValue = "60")
    int failuresPerMinute;

    @Inject
    CallerTokens tokens;

    @Inject
    SharedRateLimits limits;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (requestsPerMinute <= 0) {
            return;
        }
        String address = "ip:" + servletRequest.getRemoteAddr();
        request.setProperty(ADDRESS, address);
        var token = tokens.current().map(org.eclipse.microprofile.jwt.JsonWebToken.class::cast);
        String apiKey = apiKey(request);
        if (token.isEmpty() && apiKey != null && failuresPerMinute > 0) {
            SharedRateLimits.Budget failures = limits.peek(FAILURES + address, failuresPerMinute);
            if (!failures.allowed()) {
                refuse(request, failures.waitSeconds(), "Too many failed authentications from this address: at most "
                        + failuresPerMinute + " a minute.", 0);
                return;
            }
        }
        // the subject is length-prefixed: no issuer and subject pair can spell another's key
        String credential = token.map(t -> "jwt:" + t.getSubject().length() + ":" + t.getSubject() + "|" + t.getIssuer())
                .orElseGet(() -> apiKey != null ? "key:" + Secrets.hash(apiKey) : address);
        SharedRateLimits.Budget budget = limits.take(credential, requestsPerMinute);
        request.setProperty(REMAINING, budget.remaining());
        if (!budget.allowed()) {
            refuse(request, budget.waitSeconds(), "Too many requests for this credential: at most " + requestsPerMinute + " per minute.",
                    budget.remaining());
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
            limits.take(FAILURES + address, failuresPerMinute);
        }
        Object remaining = request.getProperty(REMAINING);
        if (remaining instanceof Integer left) {
            headers(response.getHeaders(), requestsPerMinute, left);
        }
    }

    /**
     * The secret credential of the request that is no verified token: an Admin API key, one credential whichever header
     * carried it, or the bearer secret a SCIM client sends (only SCIM requests reach here with a bearer that is no token).
     */
    private static String apiKey(ContainerRequestContext request) {
        String key = request.getHeaderString(RequestHeaders.API_KEY);
        if (key == null) {
            String authorization = request.getHeaderString("Authorization");
            key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7) : null;
        } else if (key.startsWith("Bearer ")) {
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
}
