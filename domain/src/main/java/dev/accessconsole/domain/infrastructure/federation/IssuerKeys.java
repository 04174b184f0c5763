package dev.accessconsole.domain.infrastructure.federation;

import dev.accessconsole.domain.model.FederationIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an issuer's signing keys come from: keys given inline, a JWKS URL, or the issuer's OpenID discovery document
 * (its {@code jwks_uri}). Fetched keys are kept on this node for five minutes and fetched again at once for a key id they
 * do not hold (a rotation); a fetch has two seconds to connect and two to answer, so a dead issuer refuses quickly.
 */
@ApplicationScoped
public class IssuerKeys {

    /** How long fetched keys are used before they are fetched again. */
    public static final long CACHE_SECONDS = 300;
    private static final int TIMEOUT_MILLIS = 2_000;

    private record Entry(Instant version, VerificationKeyResolver resolver, HttpsJwks fetched) {
    }

    private final Map<String, Entry> resolvers = new ConcurrentHashMap<>();

    /** The resolver for the issuer as it is now (its keys' source changed: a new one). */
    public VerificationKeyResolver resolver(FederationIssuer issuer) throws IOException, JoseException {
        Entry entry = resolvers.get(issuer.id());
        if (entry == null || !entry.version().equals(issuer.updatedAt())) {
            entry = build(issuer);
            resolvers.put(issuer.id(), entry);
        }
        return entry.resolver();
    }

    /** Fetches an issuer's keys now (the poller, and a new issuer's first check); the number of keys. */
    public int fetch(FederationIssuer issuer) throws IOException, JoseException {
        Entry entry = build(issuer);
        resolvers.put(issuer.id(), entry);
        if (entry.fetched() == null) {
            return parseInline(issuer).getJsonWebKeys().size();
        }
        entry.fetched().refresh();
        return entry.fetched().getJsonWebKeys().size();
    }

    private Entry build(FederationIssuer issuer) throws IOException, JoseException {
        JsonObject source = Json.createReader(new StringReader(issuer.jwksJson())).readObject();
        if (issuer.jwksType() == FederationIssuer.JwksType.INLINE) {
            return new Entry(issuer.updatedAt(), new JwksVerificationKeyResolver(parseInline(issuer).getJsonWebKeys()), null);
        }
        Get get = get(source.getString("ca_cert_pem", null));
        String url;
        if (issuer.jwksType() == FederationIssuer.JwksType.EXPLICIT_URL) {
            url = source.getString("url");
        } else {
            String base = source.getString("discovery_base", null);
            String root = base == null || base.isBlank() ? issuer.issuerUrl() : base;
            String discovery = (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/.well-known/openid-configuration";
            SimpleResponse response = get.get(discovery);
            if (response.getStatusCode() != 200) {
                throw new IOException("the discovery document answered " + response.getStatusCode());
            }
            JsonObject document = Json.createReader(new StringReader(response.getBody())).readObject();
            url = document.getString("jwks_uri", null);
            if (url == null) {
                throw new IOException("the discovery document names no jwks_uri");
            }
        }
        HttpsJwks jwks = new HttpsJwks(url);
        jwks.setSimpleHttpGet(get);
        jwks.setDefaultCacheDuration(CACHE_SECONDS);
        jwks.setRetainCacheOnErrorDuration(CACHE_SECONDS);
        return new Entry(issuer.updatedAt(), new HttpsJwksVerificationKeyResolver(jwks), jwks);
    }

    private static JsonWebKeySet parseInline(FederationIssuer issuer) throws JoseException {
        JsonObject source = Json.createReader(new StringReader(issuer.jwksJson())).readObject();
        return new JsonWebKeySet(Json.createObjectBuilder().add("keys", source.getJsonArray("keys")).build().toString());
    }

    /** Checks inline keys: public keys of a JWKS, none private; the message says what is wrong. */
    public static String invalidInlineKeys(String keysArrayJson) {
        try {
            List<JsonWebKey> keys = new JsonWebKeySet("{\"keys\":" + keysArrayJson + "}").getJsonWebKeys();
            if (keys.isEmpty()) {
                return "jwks.keys holds no key.";
            }
            if (keysArrayJson.contains("\"d\"")) {
                return "jwks.keys holds private key material (\"d\"): give the public keys only.";
            }
            return null;
        } catch (JoseException | RuntimeException invalid) {
            return "jwks.keys is not a JSON Web Key Set: " + invalid.getMessage();
        }
    }

    /** A certificate given as PEM; refused when it is none. */
    public static X509Certificate certificate(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Get get(String caCertPem) throws IOException {
        Get get = new Get();
        get.setConnectTimeout(TIMEOUT_MILLIS);
        get.setReadTimeout(TIMEOUT_MILLIS);
        get.setRetries(0);
        get.setResponseBodySizeLimit(512 * 1024);
        if (caCertPem != null && !caCertPem.isBlank()) {
            try {
                get.setTrustedCertificates(certificate(caCertPem));
            } catch (CertificateException invalid) {
                throw new IOException("ca_cert_pem is not a certificate");
            }
        }
        return get;
    }
}
