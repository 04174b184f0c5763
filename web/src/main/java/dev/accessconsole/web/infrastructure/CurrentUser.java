package dev.accessconsole.web.infrastructure;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.CallerTokens;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.domain.application.UserDirectory;
import dev.accessconsole.domain.model.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;

/**
 * The person a user token names, provisioned (created, or updated when a claim changed) on every authenticated call
 * by {@link CallerFilter} and asked for again by the resources that act as that person. Nothing is kept per request:
 * the answer for the request's token is the one this node last provisioned for the same claims.
 */
@ApplicationScoped
public class CurrentUser {

    private record Claims(String email, boolean emailVerified, String name) {
        // written out: compared on every request, and a record's generated equals goes through method handles
        @Override
        public boolean equals(Object other) {
            return other instanceof Claims that && emailVerified == that.emailVerified && java.util.Objects.equals(email, that.email)
                    && java.util.Objects.equals(name, that.name);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(email, emailVerified, name);
        }
    }

    private record LastSeen(Claims claims, UserAccount user) {
    }

    /** The claims each identity was last provisioned with on this node, and the user they gave (bounded, idle entries expire). */
    private static final Cache<String, LastSeen> LAST_SEEN = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    /**
     * The user each token object was provisioned for. The request's token is the same object again while the same
     * verified token comes back (authz remembers a token's claim reads), so a repeated token is one identity lookup: no
     * claim read, no comparison. Weak keys compare by identity and go with the token.
     */
    private static final Cache<JsonWebToken, UserAccount> PROVISIONED = Caffeine.newBuilder()
            .weakKeys().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    @Inject
    CallerTokens tokens;

    @Inject
    UserDirectory users;

    @Inject
    dev.accessconsole.domain.application.SignInProvisioning signIn;

    /** The signed-in user; refuses anonymous callers (401) and platform credentials (403). */
    public UserAccount require() {
        JsonWebToken token = tokens.current().map(JsonWebToken.class::cast).orElseThrow(AccessDeniedException.Unauthenticated::new);
        if (tokens.isPlatformCredential(token)) {
            throw new AccessDeniedException.MissingPermission(Permission.ORGANIZATION_READ.value(),
                    "platform support and gateway credentials cannot act as people");
        }
        return provision(token);
    }

    /** Whether the request's token says the email is verified: the claim present and JSON true (roles.md). */
    public boolean emailVerified() {
        return tokens.current().map(JsonWebToken.class::cast).map(CurrentUser::verified).orElse(false);
    }

    /**
     * The user of a person's token, created or updated when its claims differ from the ones this node last saw (no
     * transaction, no query otherwise: the user row only changes when a claim does; users are never deleted). Null
     * for a platform credential, which is no person.
     */
    UserAccount provision(JsonWebToken token) {
        UserAccount provisioned = PROVISIONED.getIfPresent(token);
        if (provisioned != null) {
            return provisioned;
        }
        if (tokens.isPlatformCredential(token)) {
            return null;
        }
        // what a token may say is bounded by what is stored: an identity too long to store is no identity (401); a
        // display name too long is shortened; an email too long to be an address is not taken
        if (token.getSubject().length() > 255 || token.getIssuer() == null || token.getIssuer().length() > 512) {
            throw new AccessDeniedException.Unauthenticated();
        }
        String email = claimString(token, "email");
        if (email != null && email.length() > 320) {
            email = null;
        }
        String name = clip(claimText(token, "name"), 255);
        boolean emailVerified = verified(token);
        String identity = token.getIssuer() + "|" + token.getSubject();
        Claims claims = new Claims(email, emailVerified, name);
        LastSeen last = LAST_SEEN.getIfPresent(identity);
        UserAccount user = last != null && last.claims().equals(claims) ? last.user()
                : users.ensure(new UserRef(token.getIssuer(), token.getSubject()), email, emailVerified, name);
        if (last == null || last.user() != user) {
            LAST_SEEN.put(identity, new LastSeen(claims, user));
        }
        // each new token: sign-in provisioning joins the person to the organization owning their verified email's
        // domain, and syncs its SCIM groups from the token's groups claim
        signIn.provision(user.id(), token.getIssuer(), emailVerified, claim -> claimValues(token, claim));
        PROVISIONED.put(token, user);
        return user;
    }

    /** Verified only when the claim is present and JSON true: absent, null, 0, "true" or "no" are not. */
    private static boolean verified(JsonWebToken token) {
        Object verified = token.getClaim("email_verified");
        return verified == JsonValue.TRUE || Boolean.TRUE.equals(verified);
    }

    /** At most {@code max} UTF-16 code units, never splitting a surrogate pair. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** A claim as a list of strings: an array of strings, a set of them (MP-JWT's groups), or one string; absent: none. */
    static java.util.List<String> claimValues(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        java.util.List<String> values = new java.util.ArrayList<>();
        if (value instanceof jakarta.json.JsonArray array) {
            for (jakarta.json.JsonValue item : array) {
                if (item instanceof jakarta.json.JsonString text) {
                    values.add(text.getString());
                }
            }
        } else if (value instanceof java.util.Collection<?> collection) {
            collection.forEach(item -> values.add(item instanceof jakarta.json.JsonString text ? text.getString() : String.valueOf(item)));
        } else if (value instanceof jakarta.json.JsonString text) {
            values.add(text.getString());
        } else if (value instanceof String text) {
            values.add(text);
        }
        // a group path ("/Engineering", as some providers write it) names the group by its last segment
        return values.stream().map(v -> v.startsWith("/") ? v.substring(v.lastIndexOf('/') + 1) : v).filter(v -> !v.isBlank()).toList();
    }

    /** A claim that must be a JSON string to count (an email given as a number or an object is no email); blank: none. */
    private static String claimString(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value instanceof String plain ? plain : null;
        return text == null || text.isBlank() ? null : text;
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
