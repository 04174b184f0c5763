package dev.accessconsole.web.infrastructure;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which parser verifies a token, chosen by the issuer it claims; and the console policy's provider origin. */
class SignInProviderTest {

    private static final String PROVIDER = "http://localhost:18080/realms/accessconsole";

    private static String token(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static SignInProvider provider(String issuer, String apiIssuer) {
        SignInProvider provider = new SignInProvider();
        provider.issuer = Optional.ofNullable(issuer);
        provider.discoveryUri = Optional.empty();
        provider.apiContext = new JWTAuthContextInfo("file:/api-key.pem", apiIssuer);
        provider.apiContext.setExpectedAudience(Set.of("access-console"));
        return provider;
    }

    @Test
    void whenATokenClaimsAnIssuerThenThatIsWhatIsRead() {
        assertThat(SignInProvider.claimedIssuer(token("{\"iss\":\"" + PROVIDER + "\",\"sub\":\"x\"}"))).isEqualTo(PROVIDER);
    }

    @Test
    void whenATokenIsMalformedThenNoIssuerIsClaimed() {
        assertThat(SignInProvider.claimedIssuer(null)).isNull();
        assertThat(SignInProvider.claimedIssuer("no-dots")).isNull();
        assertThat(SignInProvider.claimedIssuer("a.%%%.c")).isNull();
        assertThat(SignInProvider.claimedIssuer(token("[1,2]"))).isNull();
        assertThat(SignInProvider.claimedIssuer(token("{\"iss\":42}"))).isNull();
        assertThat(SignInProvider.claimedIssuer(token("{not json"))).isNull();
    }

    @Test
    void whenNoProviderIsConfiguredThenEveryTokenGoesToTheApisParser() {
        assertThat(provider(null, "https://dev.accessconsole.local").verifierFor(token("{\"iss\":\"" + PROVIDER + "\"}"))).isEmpty();
    }

    @Test
    void whenTheProviderIsTheApisOwnIssuerThenTheApisParserVerifies() {
        assertThat(provider(PROVIDER, PROVIDER).verifierFor(token("{\"iss\":\"" + PROVIDER + "\"}"))).isEmpty();
    }

    @Test
    void whenATokenNamesAnotherIssuerThenTheApisParserVerifiesAndRefusesIt() {
        assertThat(provider(PROVIDER, "https://dev.accessconsole.local").verifierFor(token("{\"iss\":\"https://evil.example\"}"))).isEmpty();
    }

    @Test
    void whenTheProviderCannotBeDiscoveredThenItsTokensFallToTheApisParser() {
        // nothing listens on port 1: discovery fails, the token is not verified with keys from anywhere else
        SignInProvider unreachable = provider("http://127.0.0.1:1/realms/x", "https://dev.accessconsole.local");
        assertThat(unreachable.verifierFor(token("{\"iss\":\"http://127.0.0.1:1/realms/x\"}"))).isEmpty();
        assertThat(unreachable.endpoints()).isEmpty();
        assertThat(unreachable.endpoints()).isEmpty();
        assertThat(unreachable.attempts).as("discovery tries while the provider is down, within 30 s").isEqualTo(1);
    }

    @Test
    void whenTheConsolePolicyNamesTheProviderThenOnlyItsOrigin() {
        assertThat(SecurityHeadersFilter.origin(PROVIDER)).isEqualTo("http://localhost:18080");
        assertThat(SecurityHeadersFilter.origin("https://sso.example.com/realms/a")).isEqualTo("https://sso.example.com");
        assertThat(SecurityHeadersFilter.origin("not a url")).isEmpty();
        assertThat(SecurityHeadersFilter.origin("'unsafe-inline'")).isEmpty();
    }
}
