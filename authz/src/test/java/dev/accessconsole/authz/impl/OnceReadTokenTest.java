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
}
