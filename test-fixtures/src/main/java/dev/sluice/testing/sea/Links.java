package dev.sluice.testing.sea;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues external links and serves their downloads the way pre-signed cloud-storage URLs behave: the URL
 * carries its own signature, no Authorization header is accepted, every {@code http_headers} entry must be
 * presented, and an expired URL is refused with 403.
 */
final class Links {

    /** Query parameter carrying the link's signature. */
    static final String SIGNATURE = "X-Sluice-Signature";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private volatile String baseUrl = "";

    /** One issued URL: what it grants and until when. */
    record Grant(String statementId, int chunk, Instant expiresAt, Map<String, String> headers) {
    }

    /** An issued link as written into a response. */
    record Issued(String url, Instant expiresAt) {
    }

    void baseUrl(String url) {
        this.baseUrl = Objects.requireNonNull(url, "url is null");
    }

    void clear() {
        grants.clear();
    }

    /** Issues a fresh URL for the chunk, valid for {@code ttl} from now (already expired when negative). */
    Issued issue(String statementId, int chunk, Duration ttl, Map<String, String> headers) {
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        String signature = HexFormat.of().formatHex(secret);
        Instant expiresAt = Instant.now().plus(ttl);
        grants.put(signature, new Grant(statementId, chunk, expiresAt, Map.copyOf(headers)));
        String url = baseUrl + Route.DOWNLOAD_PREFIX + statementId + "/chunk-" + chunk
                + "?X-Sluice-Expires=" + Math.max(0, ttl.toSeconds()) + "&" + SIGNATURE + "=" + signature;
        return new Issued(url, expiresAt);
    }

    /** Answers a download: the chunk bytes, or the refusal cloud storage would give. */
    HttpReply download(RecordedRequest request, Statements statements) {
        if (request.hasHeader("Authorization")) {
            return storageError(400, "InvalidArgument", "Only one auth mechanism allowed; only the "
                    + SIGNATURE + " query parameter or the Authorization header should be specified");
        }
        Grant grant = grants.get(String.valueOf(request.queryParameter(SIGNATURE)));
        if (grant == null || !grant.statementId().equals(request.statementId())
                || grant.chunk() != request.chunkIndex().orElse(-1)) {
            return storageError(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
        }
        if (!Instant.now().isBefore(grant.expiresAt())) {
            return storageError(403, "AccessDenied", "Request has expired");
        }
        for (Map.Entry<String, String> header : grant.headers().entrySet()) {
            if (!header.getValue().equals(request.header(header.getKey()))) {
                return storageError(403, "AccessDenied", "Missing or wrong required header " + header.getKey());
            }
        }
        RunningStatement statement = statements.get(grant.statementId());
        if (statement == null) {
            return storageError(404, "NoSuchKey", "The specified key does not exist.");
        }
        return HttpReply.ofShared(200, "application/octet-stream", statement.servedPayload(grant.chunk()));
    }

    private static HttpReply storageError(int status, String code, String message) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error>";
        return HttpReply.status(status).withHeader("Content-Type", "application/xml").withBody(body);
    }
}
