package dev.sluice.warehouse.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the payload of a self-contained link (a result chunk, a volume file) with HMAC-SHA256 under a key made
 * when the signer is created, so a link works without Authorization and cannot be altered or extended.
 */
public final class UrlSigner {

    private final byte[] key = new byte[32];

    public UrlSigner() {
        new SecureRandom().nextBytes(key);
    }

    /** The hex signature of {@code payload}. */
    public String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** True when {@code sig} is the signature of {@code payload}; compared in constant time. */
    public boolean valid(String payload, String sig) {
        if (sig == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.US_ASCII));
    }
}
