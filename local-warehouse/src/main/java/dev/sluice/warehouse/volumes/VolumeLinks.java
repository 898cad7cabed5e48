package dev.sluice.warehouse.volumes;

import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.UrlSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Pre-signed volume links: {@code /sluice/volume-files/Volumes/c/s/v/...?op=..&overwrite=..&expires=..&sig=..}, one
 * operation (PUT, GET or DELETE) on one path, signed by a {@link UrlSigner} like the result links, so a link works
 * without Authorization and cannot be altered, reused for another operation or extended.
 */
public final class VolumeLinks {

    public static final String PATH = "/sluice/volume-files";
    /** How long a link lives: long enough to start a large transfer, short like the storage links Databricks issues. */
    static final Duration TTL = Duration.ofMinutes(15);

    /** What a link allows. */
    public enum Operation {
        PUT, GET, DELETE
    }

    private final UrlSigner signer = new UrlSigner();
    private volatile String baseUrl = "http://127.0.0.1";

    /** The scheme, host and port links point at, known once the HTTP server listens. */
    public void baseUrl(String url) {
        this.baseUrl = url;
    }

    /** A signed absolute URL for {@code operation} on {@code path} (a display path {@code /Volumes/...}). */
    public String url(Operation operation, String path, boolean overwrite, Instant now) {
        long expires = now.plus(TTL).toEpochMilli();
        StringBuilder encoded = new StringBuilder();
        for (String segment : path.substring(1).split("/")) {
            encoded.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return baseUrl + PATH + encoded + "?op=" + operation + "&overwrite=" + overwrite + "&expires=" + expires
                + "&sig=" + signer.sign(payload(operation, path, overwrite, expires));
    }

    /**
     * Checks a link's signature and expiry for a request with {@code method} on {@code path}.
     *
     * @return whether the link allows overwriting
     * @throws ApiError 403 for a forged, altered or expired link, or one used with another method
     */
    public boolean check(String method, String path, String op, String overwrite, String expires, String sig,
                         Instant now) {
        Operation operation;
        long until;
        try {
            operation = Operation.valueOf(op == null ? "" : op.toUpperCase(Locale.ROOT));
            until = Long.parseLong(expires == null ? "" : expires);
        } catch (IllegalArgumentException e) {
            throw denied();
        }
        boolean overwriting = "true".equals(overwrite);
        if (!signer.valid(payload(operation, path, overwriting, until), sig)) {
            throw denied();
        }
        if (!method.equals(operation.name()) && !(method.equals("HEAD") && operation == Operation.GET)) {
            throw new ApiError(403, "PERMISSION_DENIED", "This link allows " + operation + ", not " + method);
        }
        if (now.toEpochMilli() > until) {
            throw new ApiError(403, "PERMISSION_DENIED", "The link has expired");
        }
        return overwriting;
    }

    private static ApiError denied() {
        return new ApiError(403, "PERMISSION_DENIED", "The link's signature is not valid");
    }

    private static String payload(Operation operation, String path, boolean overwrite, long expires) {
        return operation + "\n" + path + "\n" + overwrite + "\n" + expires;
    }
}
