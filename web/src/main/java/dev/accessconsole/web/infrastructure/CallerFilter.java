package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.AccessDeclaration;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.CallerTokens;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accessconsole.domain.application.UserDirectory;
import dev.accessconsole.domain.model.UserAccount;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.lang.reflect.Method;

/**
 * After the token is verified: provisions the user on its first call, then applies default deny. An operation with
 * no access declaration ({@link AccessDeclaration#of}, the resolver the interceptors use) is refused; the declared
 * ones are enforced by the authz interceptors.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CallerFilter implements ContainerRequestFilter {

    private record Claims(String email, boolean emailVerified, String name) {
    }

    private record LastSeen(Claims claims, UserAccount user) {
    }

    /** The claims each identity was last provisioned with on this node, and the user they gave (bounded, idle entries expire). */
    private static final Cache<String, LastSeen> LAST_SEEN = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(java.time.Duration.ofMinutes(10)).build();

    @Context
    ResourceInfo resource;

    @Inject
    CallerTokens tokens;

    @Inject
    UserDirectory users;

    @Inject
    CurrentUser currentUser;

    @Override
    public void filter(ContainerRequestContext request) {
        tokens.current().ifPresent(this::provision);
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null) {
            return;
        }
        // default deny: an operation nobody declared access for is open to nobody; the declared ones are enforced by
        // the authz interceptors on the resource method itself
        if (AccessDeclaration.of(method, type).isEmpty()) {
            throw new AccessDeniedException.MissingPermission("(undeclared)", "this operation declares no permission");
        }
    }

    private void provision(JsonWebToken token) {
        if (CallerTokens.isPlatformCredential(token)) {
            currentUser.markServiceCredential();
            return;
        }
        // what a token may say is bounded by what is stored: an identity too long to store is no identity (401); a
        // display name too long is shortened; an email too long to be an address is not taken
        if (token.getSubject().length() > 255 || token.getIssuer() == null || token.getIssuer().length() > 512) {
            throw new AccessDeniedException.Unauthenticated();
        }
        String email = claimText(token, "email");
        if (email != null && email.length() > 320) {
            email = null;
        }
        String name = clip(claimText(token, "name"), 255);
        // verified only when the claim is present and JSON true (roles.md): absent, null, 0, "true" or "no" are not
        Object verified = token.getClaim("email_verified");
        boolean emailVerified = verified == JsonValue.TRUE || Boolean.TRUE.equals(verified);
        // no transaction, no query, when the claims are exactly the ones this node last provisioned the person with:
        // the user row only changes when a claim does (users are never deleted)
        String identity = token.getIssuer() + "|" + token.getSubject();
        Claims claims = new Claims(email, emailVerified, name);
        LastSeen last = LAST_SEEN.getIfPresent(identity);
        UserAccount user = last != null && last.claims().equals(claims) ? last.user()
                : users.ensure(new UserRef(token.getIssuer(), token.getSubject()), email, emailVerified, name);
        if (last == null || last.user() != user) {
            LAST_SEEN.put(identity, new LastSeen(claims, user));
        }
        currentUser.set(user, emailVerified);
    }

    /** At most {@code max} UTF-16 code units, never splitting a surrogate pair. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String claimText(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? null : text;
    }
}
