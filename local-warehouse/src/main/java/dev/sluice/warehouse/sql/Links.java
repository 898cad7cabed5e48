package dev.sluice.warehouse.sql;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-contained download links: {@code /sluice/files/{statement}/{chunk}?issued=..&expires=..&sig=..},
 * signed with HMAC-SHA256 under a key made at start-up, so a link works without Authorization and
 * cannot be altered or extended.
 */
final class Links {

    static final String PATH = "/sluice/files/";

    private final byte[] key = new byte[32];

    Links() {
        new SecureRandom().nextBytes(key);
    }

    String path(String statementId, int chunk, Instant issued, Instant expires) {
        String payload = payload(statementId, chunk, issued.toEpochMilli(), expires.toEpochMilli());
        return PATH + statementId + "/" + chunk + "?issued=" + issued.toEpochMilli() + "&expires="
                + expires.toEpochMilli() + "&sig=" + sign(payload);
    }

    /** Checks the signature; the caller checks the times. */
    boolean valid(String statementId, int chunk, long issued, long expires, String sig) {
        if (sig == null) {
            return false;
        }
        byte[] expected = sign(payload(statementId, chunk, issued, expires)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
    }

    private static String payload(String statementId, int chunk, long issued, long expires) {
        return statementId + "/" + chunk + "/" + issued + "/" + expires;
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
