package dev.sluice.jdbc.internal.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pre-signed download link of one result chunk ({@code result.external_links[]}).
 *
 * <p>The URL and the header values are credentials (signatures, encryption keys): {@link #toString()} shows
 * neither, and no exception message of this package contains them.
 *
 * @param chunkIndex chunk index
 * @param rowOffset index of the chunk's first row in the whole result
 * @param rowCount rows in the chunk
 * @param byteCount {@code byte_count} (possibly the compressed size), or -1 when absent
 * @param url the pre-signed URL
 * @param expiration when the link stops working, or null when absent or unreadable (treat as expired)
 * @param httpHeaders headers the download must carry; empty when none
 * @param nextChunkIndex the next chunk's index, or -1 on the last chunk
 */
public record ExternalLink(int chunkIndex, long rowOffset, long rowCount, long byteCount, String url,
                           Instant expiration, Map<String, String> httpHeaders, int nextChunkIndex) {
    public ExternalLink {
        Objects.requireNonNull(url, "url is null");
        httpHeaders = httpHeaders == null || httpHeaders.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(httpHeaders));
    }

    /** True when the link has no expiration or expires before {@code now + margin}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return expiration == null || expiration.isBefore(now.plus(margin));
    }

    /** Shows where the link belongs and which headers it carries, never the URL or header values. */
    @Override
    public String toString() {
        return "ExternalLink[chunkIndex=" + chunkIndex + ", rowOffset=" + rowOffset + ", rowCount=" + rowCount
                + ", byteCount=" + byteCount + ", expiration=" + expiration + ", httpHeaders="
                + httpHeaders.keySet() + ", nextChunkIndex=" + nextChunkIndex + ", url=<redacted>]";
    }
}
