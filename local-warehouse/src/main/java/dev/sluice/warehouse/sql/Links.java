package dev.sluice.warehouse.sql;

import dev.sluice.warehouse.http.UrlSigner;
import java.time.Instant;

/**
 * Self-contained download links: {@code /sluice/files/{statement}/{chunk}?issued=..&expires=..&sig=..},
 * signed by a {@link UrlSigner}, so a link works without Authorization and cannot be altered or extended.
 */
final class Links {

    static final String PATH = "/sluice/files/";

    private final UrlSigner signer = new UrlSigner();

    String path(String statementId, int chunk, Instant issued, Instant expires) {
        String payload = payload(statementId, chunk, issued.toEpochMilli(), expires.toEpochMilli());
        return PATH + statementId + "/" + chunk + "?issued=" + issued.toEpochMilli() + "&expires="
                + expires.toEpochMilli() + "&sig=" + signer.sign(payload);
    }

    /** Checks the signature; the caller checks the times. */
    boolean valid(String statementId, int chunk, long issued, long expires, String sig) {
        return signer.valid(payload(statementId, chunk, issued, expires), sig);
    }

    private static String payload(String statementId, int chunk, long issued, long expires) {
        return statementId + "/" + chunk + "/" + issued + "/" + expires;
    }
}
