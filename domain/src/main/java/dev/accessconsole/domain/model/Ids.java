package dev.accessconsole.domain.model;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers as the Admin API shows them ({@code user_…}, {@code wrkspc_…}): a prefix and a ULID-style body,
 * 48 bits of milliseconds then 80 fresh random bits (SecureRandom) in Crockford base32. Ids sort by creation time to the
 * millisecond, which keeps cursor pagination ({@code after_id}/{@code before_id}) stable under inserts; the random part
 * is drawn anew for every id, never incremented, so no id can be guessed from a neighbour's (api.md).
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String user() {
        return "user_" + next();
    }

    public static String workspace() {
        return "wrkspc_" + next();
    }

    public static String invite() {
        return "invite_" + next();
    }

    public static String member() {
        return "mbr_" + next();
    }

    public static String auditEvent() {
        return "evt_" + next();
    }

    public static String group() {
        return "rbacgrp_" + next();
    }

    /** A custom role: "role_" like the built-in ones, whose names hold no digit, so that no id can be both. */
    public static String federationIssuer() {
        return "fdis_" + next();
    }

    public static String federationRule() {
        return "fdrl_" + next();
    }

    public static String federationToken() {
        return "fdtk_" + next();
    }

    public static String webhookEndpoint() {
        return "whep_" + next();
    }

    public static String spendLimit() {
        return "splim_" + next();
    }

    public static String spendLimitIncreaseRequest() {
        return "splimreq_" + next();
    }

    public static String customRole() {
        return "role_" + next();
    }

    public static String serviceAccount() {
        return "svcacct_" + next();
    }

    public static String organization() {
        return UUID.randomUUID().toString();
    }

    /** A 26-character identifier body, ordered by its millisecond, random within it. */
    public static String next() {
        byte[] lastRandom = new byte[10];
        RANDOM.nextBytes(lastRandom);
        char[] out = new char[26];
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits → 16 base32 characters
        long high = ((lastRandom[0] & 0xFFL) << 32) | ((lastRandom[1] & 0xFFL) << 24) | ((lastRandom[2] & 0xFFL) << 16)
                | ((lastRandom[3] & 0xFFL) << 8) | (lastRandom[4] & 0xFFL);
        long low = ((lastRandom[5] & 0xFFL) << 32) | ((lastRandom[6] & 0xFFL) << 24) | ((lastRandom[7] & 0xFFL) << 16)
                | ((lastRandom[8] & 0xFFL) << 8) | (lastRandom[9] & 0xFFL);
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }

}
