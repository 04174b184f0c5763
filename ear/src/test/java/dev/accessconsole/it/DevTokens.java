package dev.accessconsole.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mints RS256 tokens with the DEV-ONLY key pair (ear/src/dev/keys), for the tests and for trying the server by hand.
 * JDK only, so that it also runs as a single-file program from the repository root:
 *
 * <pre>java ear/src/test/java/dev/accessconsole/it/DevTokens.java --sub alice --email alice@example.com [--name "Alice"]
 *      [--email-verified false] [--groups support,gateway] [--org-id ORG] [--ttl 3600] [--issuer …] [--audience …] [--key PEM]</pre>
 *
 * A token with an email says {@code "email_verified": true} unless {@code --email-verified false}: the server treats an
 * email as verified only when that claim is present and true.
 */
public final class DevTokens {

    public static final String ISSUER = "https://dev.accessconsole.local";
    public static final String AUDIENCE = "access-console";
    public static final String DEFAULT_KEY = "ear/src/dev/keys/DEV-ONLY-jwt-private.pem";

    private DevTokens() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        String keyPath = System.getenv().getOrDefault("DEV_JWT_PRIVATE_KEY", DEFAULT_KEY);
        long ttl = 3600;
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--sub" -> claims.put("sub", value);
                case "--email" -> {
                    claims.put("email", value);
                    claims.putIfAbsent("email_verified", true); // the identity provider vouches for it, as a real one would
                }
                case "--email-verified" -> claims.put("email_verified", Boolean.parseBoolean(value));
                case "--name" -> claims.put("name", value);
                case "--groups" -> claims.put("groups", List.of(value.split(",")));
                case "--org-id" -> claims.put("org_id", value);
                case "--issuer" -> claims.put("iss", value);
                case "--audience" -> claims.put("aud", value);
                case "--ttl" -> ttl = Long.parseLong(value);
                case "--key" -> keyPath = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!claims.containsKey("sub")) {
            System.err.println("usage: java DevTokens.java --sub SUBJECT [--email E] [--email-verified false] [--name N] [--groups a,b] [--org-id ORG] [--ttl S] [--key PEM]");
            System.exit(2);
        }
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now);
        claims.put("exp", now + ttl);
        System.out.println(sign(readPrivateKey(Path.of(keyPath)), Map.of("alg", "RS256", "typ", "JWT"), claims));
    }

    /** A token for a person, valid for ten minutes. */
    public static String forUser(PrivateKey key, String subject, String email, String name) {
        Map<String, Object> claims = personClaims(subject, email);
        claims.put("name", name);
        return sign(key, Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    /**
     * A token for a person with exactly the given {@code email_verified} claim ({@link #ABSENT}: no such claim) and name
     * (null: none), valid for five minutes: for tests of what the server makes of identity claims.
     */
    public static String forPersonClaims(PrivateKey key, String subject, String email, Object emailVerified, String name) {
        Map<String, Object> claims = personClaims(subject, email);
        if (emailVerified == ABSENT) {
            claims.remove("email_verified");
        } else {
            claims.put("email_verified", emailVerified);
        }
        if (name != null) {
            claims.put("name", name);
        }
        return sign(key, Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    /** Marks a claim left out of {@link #forPersonClaims}. */
    public static final Object ABSENT = new Object();

    /** A token for a person that names the organization to act on in its {@code org_id} claim. */
    public static String forUserInOrganization(PrivateKey key, String subject, String email, String organizationId) {
        Map<String, Object> claims = personClaims(subject, email);
        claims.put("org_id", organizationId);
        return sign(key, Map.of("alg", "RS256", "typ", "JWT"), claims);
    }

    /** The claims of a person's token as this class writes them (a mutable map, for tests that bend one claim). */
    public static Map<String, Object> personClaims(String subject, String email) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        return claims;
    }

    /** Signs any header and claims with RS256 (SHA256withRSA), compact serialization. */
    public static String sign(PrivateKey key, Map<String, ?> header, Map<String, ?> claims) {
        try {
            String signingInput = base64Url(json(header)) + "." + base64Url(json(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey readPrivateKey(Path pem) {
        try {
            String body = Files.readString(pem).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read PKCS#8 private key " + pem, e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON for the few value types claims use here: strings, numbers, booleans, collections of those. */
    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((k, v) -> members.add(json(k.toString()) + ":" + json(v)));
            return "{" + String.join(",", members) + "}";
        }
        if (value instanceof Collection<?> items) {
            List<String> elements = new ArrayList<>();
            items.forEach(item -> elements.add(json(item)));
            return "[" + String.join(",", elements) + "]";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
