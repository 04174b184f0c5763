package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.model.JsonBuilders;
import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenID Connect provider people sign in to the browser console with (authorization code + PKCE in the page).
 * Configured like the API, by environment variables:
 * <ul>
 *   <li>{@code ACCESSCONSOLE_OIDC_ISSUER}: the provider's issuer, e.g. {@code https://sso.example.com/realms/acme};
 *       unset, the console offers no provider sign-in;</li>
 *   <li>{@code ACCESSCONSOLE_OIDC_CLIENT_ID}: the public client the console signs in as (default {@code access-console});</li>
 *   <li>{@code ACCESSCONSOLE_OIDC_SCOPE}: scopes asked for (default {@code openid profile email});</li>
 *   <li>{@code ACCESSCONSOLE_OIDC_DISCOVERY_URI}: where the server reads the discovery document, when it reaches the
 *       provider by another name than browsers do (containers); default: the issuer's.</li>
 * </ul>
 * Endpoints and keys come from the provider's discovery document ({@code /.well-known/openid-configuration}), read once
 * by the server (after a failure, again at most every 30 s), so the page never needs the provider to answer it
 * cross-origin.
 * <p>
 * When the issuer is the API's own ({@code mp.jwt.verify.issuer}), tokens are verified as every API token is. When it
 * differs (the development server trusts its dev key <em>and</em> a provider), tokens whose {@code iss} names the
 * provider are verified with the provider's published keys and every other rule of the API's own tokens:
 * {@link #verifierFor(String)}.
 */
@ApplicationScoped
public class SignInProvider {

    private static final Logger LOG = Logger.getLogger(SignInProvider.class.getName());

    /** What the page needs to sign in; never anything secret. */
    public record Endpoints(String issuer, String authorization, String token, String endSession, String jwks) {
    }

    @Inject
    @ConfigProperty(name = "accessconsole.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "accessconsole.oidc.client-id", defaultValue = "access-console")
    String clientId;

    @Inject
    @ConfigProperty(name = "accessconsole.oidc.scope", defaultValue = "openid profile email")
    String scope;

    @Inject
    @ConfigProperty(name = "accessconsole.oidc.discovery-uri")
    Optional<String> discoveryUri;

    /** How the API verifies its own tokens (SmallRye's, from the MP-JWT configuration): the provider's differ in keys and issuer only. */
    @Inject
    JWTAuthContextInfo apiContext;

    /** After a failed discovery, how long before the next try: a provider that is down costs no request a wait. */
    static final long RETRY_NANOS = Duration.ofSeconds(30).toNanos();

    private volatile Endpoints endpoints;
    private volatile JWTParser verifier;
    private long nextAttempt = System.nanoTime();
    int attempts;

    public Optional<String> issuer() {
        return issuer.map(String::strip).filter(value -> !value.isEmpty());
    }

    /** Whether this server verifies tokens naming {@code issuer}: its own issuer's, or the sign-in provider's. */
    public boolean trusts(String candidate) {
        return candidate != null && (candidate.equals(apiContext.getIssuedBy()) || issuer().map(candidate::equals).orElse(false));
    }

    /** The issuers whose tokens this server verifies. */
    public java.util.List<String> trustedIssuers() {
        java.util.List<String> trusted = new java.util.ArrayList<>();
        if (apiContext.getIssuedBy() != null) {
            trusted.add(apiContext.getIssuedBy());
        }
        issuer().filter(provider -> !trusted.contains(provider)).ifPresent(trusted::add);
        return trusted;
    }

    public String clientId() {
        return clientId;
    }

    public String scope() {
        return scope;
    }

    /** The provider's endpoints from its discovery document, or empty when none is configured or it cannot be read. */
    public Optional<Endpoints> endpoints() {
        Endpoints known = endpoints;
        if (known != null || issuer().isEmpty()) {
            return Optional.ofNullable(known);
        }
        synchronized (this) {
            if (endpoints == null && System.nanoTime() - nextAttempt >= 0) {
                attempts++;
                discover();
                nextAttempt = System.nanoTime() + RETRY_NANOS;
            }
            return Optional.ofNullable(endpoints);
        }
    }

    /**
     * The parser for a token whose unverified {@code iss} names this provider while the API's own issuer is another,
     * or empty (the token goes to the API's parser, which verifies and refuses as before).
     */
    public Optional<JWTParser> verifierFor(String bearerToken) {
        Optional<String> provider = issuer();
        if (provider.isEmpty() || provider.get().equals(apiContext.getIssuedBy()) || !provider.get().equals(claimedIssuer(bearerToken))) {
            return Optional.empty();
        }
        JWTParser known = verifier;
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            if (verifier == null) {
                endpoints().ifPresent(found -> verifier = new DefaultJWTParser(contextFor(found)));
            }
            return Optional.ofNullable(verifier);
        }
    }

    /**
     * The API's own rules (algorithm, audiences, skew, lifetime, required claims, key size) with the provider's issuer and
     * keys: its JWKS in place of whatever names the API's key (a key, its content, format or id).
     */
    private JWTAuthContextInfo contextFor(Endpoints found) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(apiContext);
        context.setPublicKeyContent(null);
        context.setPublicVerificationKey(null);
        context.setKeyFormat(KeyFormat.ANY);
        context.setTokenKeyId(null);
        context.setPublicKeyLocation(found.jwks());
        context.setIssuedBy(found.issuer());
        return context;
    }

    private void discover() {
        String base = issuer().orElseThrow();
        URI uri = URI.create(discoveryUri.map(String::strip).filter(value -> !value.isEmpty())
                .orElse(base.replaceAll("/+$", "") + "/.well-known/openid-configuration"));
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                LOG.warning(() -> "OpenID Connect discovery at " + uri + " answered " + response.statusCode());
                return;
            }
            JsonObject document;
            try (JsonReader reader = JsonBuilders.reader(response.body())) {
                document = reader.readObject();
            }
            if (!base.equals(document.getString("issuer", null))) {
                LOG.warning(() -> "OpenID Connect discovery at " + uri + " names another issuer: " + document.getString("issuer", null));
                return;
            }
            endpoints = new Endpoints(base, document.getString("authorization_endpoint"), document.getString("token_endpoint"),
                    document.getString("end_session_endpoint", null), document.getString("jwks_uri"));
        } catch (Exception failed) { // unreachable provider, malformed document: no sign-in until it answers
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "OpenID Connect discovery at " + uri + " failed: " + failed);
        }
    }

    /** The {@code iss} a token claims, unverified (only to choose who verifies it), or null. */
    static String claimedIssuer(String bearerToken) {
        if (bearerToken == null) {
            return null;
        }
        int first = bearerToken.indexOf('.');
        int second = first < 0 ? -1 : bearerToken.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(bearerToken.substring(first + 1, second));
            try (JsonReader reader = JsonBuilders.reader(new String(payload, StandardCharsets.UTF_8))) {
                JsonValue iss = reader.readObject().get("iss");
                return iss instanceof JsonString text ? text.getString() : null;
            }
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
