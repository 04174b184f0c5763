package dev.accessconsole.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key secrets in the Anthropic format ({@code sk-ant-api03-…}, {@code sk-ant-admin01-…}): 64 random bytes. Only
 * their SHA-256 is stored (a fast hash suffices: the secrets carry 512 bits of entropy, nothing to brute-force), and
 * a hint such as {@code sk-ant-api03-R2D...igAA} is shown afterwards.
 */
public final class Secrets {

    public static final String API_KEY_PREFIX = "sk-ant-api03-";
    public static final String ADMIN_KEY_PREFIX = "sk-ant-admin01-";
    /** An access token a workload got by exchanging its own token (federation): short-lived, a service account's. */
    public static final String FEDERATED_TOKEN_PREFIX = "sk-ant-oat01-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String newSecret(String prefix) {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "AA";
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static String hint(String prefix, String secret) {
        String body = secret.substring(prefix.length());
        return prefix + body.substring(0, 3) + "..." + secret.substring(secret.length() - 4);
    }
}
