package dev.accessconsole.authz.impl;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The request's token reads each claim of MP-JWT's token once, and never asks it for a claim the token lacks. */
class OnceReadTokenTest {

    /** A token that counts what it is asked, and refuses to be asked for a claim it does not carry (as MP-JWT's throws inside). */
    static final class CountingToken implements JsonWebToken {
        final Map<String, Object> claims;
        final List<String> asked = new ArrayList<>();

        CountingToken(Map<String, Object> claims) {
            this.claims = claims;
        }

        @Override
        public String getName() {
            return (String) claims.get("sub");
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            asked.add(claimName);
            if (!claims.containsKey(claimName)) {
                throw new AssertionError("asked for " + claimName + ", which the token does not carry");
            }
            return (T) claims.get(claimName);
        }
    }

    @Test
    void whenAClaimIsReadTwiceThenTheTokenIsAskedOnce() {
        CountingToken source = new CountingToken(Map.of("sub", "s1", "iss", "https://issuer", "email", "a@example.com"));
        JsonWebToken token = new RequestCallerTokens.OnceReadToken(source);

        assertThat(token.<String>getClaim("email")).isEqualTo("a@example.com");
        assertThat(token.<String>getClaim("email")).isEqualTo("a@example.com");
        assertThat(token.getIssuer()).isEqualTo("https://issuer");
        assertThat(token.getIssuer()).isEqualTo("https://issuer");

        assertThat(source.asked).containsExactly("email", "iss");
    }

    @Test
    void whenAClaimIsAbsentThenItIsNullAndTheTokenIsNeverAskedForIt() {
        CountingToken source = new CountingToken(Map.of("sub", "s1"));
        JsonWebToken token = new RequestCallerTokens.OnceReadToken(source);

        assertThat(token.<Object>getClaim("org_id")).isNull();
        assertThat(token.<Object>getClaim("org_id")).isNull();
        assertThat(token.getGroups()).isNull();

        assertThat(source.asked).isEmpty();
        assertThat(token.getClaimNames()).containsExactly("sub");
        assertThat(token.getName()).isEqualTo("s1");
    }

    @Test
    void whenTheSameVerifiedTokenComesBackThenItsClaimsAreNotReadAgainAndAnotherTokenIsNeverConfusedWithIt() {
        CountingToken first = new CountingToken(Map.of("sub", "s1", "email", "a@example.com"));
        CountingToken second = new CountingToken(Map.of("sub", "s2", "email", "b@example.com"));

        JsonWebToken request1 = RequestCallerTokens.onceRead(first);
        assertThat(request1.<String>getClaim("email")).isEqualTo("a@example.com");
        JsonWebToken request2 = RequestCallerTokens.onceRead(first);
        assertThat(request2).isSameAs(request1);
        assertThat(request2.<String>getClaim("email")).isEqualTo("a@example.com");
        assertThat(first.asked).containsExactly("email");

        // another token object, whatever slot it lands in, answers its own claims only
        for (int i = 0; i < 3 * RequestCallerTokens.READ_SLOTS; i++) {
            CountingToken other = new CountingToken(Map.of("sub", "o" + i, "email", "o" + i + "@example.com"));
            assertThat(RequestCallerTokens.onceRead(other).<String>getClaim("email")).isEqualTo("o" + i + "@example.com");
        }
        assertThat(RequestCallerTokens.onceRead(second).<String>getClaim("email")).isEqualTo("b@example.com");
        assertThat(RequestCallerTokens.onceRead(first).<String>getClaim("email")).isEqualTo("a@example.com");
    }
}
