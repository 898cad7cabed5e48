package dev.sluice.jdbc.internal.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How far a {@link ChunkFetcher} may run ahead of its reader.
 *
 * @param maxBufferedBytes the byte budget: downloaded-but-unreleased chunks plus the expected size of downloads in
 *     flight stay within it (one chunk is always allowed, however large)
 * @param maxParallelDownloads chunks fetched at the same time, at least 1
 * @param linkExpiryMargin links expiring within this margin are refreshed before use
 * @param decoder unwraps LZ4-framed chunks on the fetch threads, or null to hand them out framed
 * @param shared the budget shared with the other results of the JVM, or null for none
 * @param direct the pool of direct buffers that downloads are read into ahead of the reader, outside the byte
 *     budget, or null to keep every chunk on the heap
 * @param rowsPreparer work on a fetched chunk of JSON rows done on the fetch thread before the chunk is charged
 *     and handed to the reader (the column arrays of its batch), or null for none
 */
public record PrefetchOptions(long maxBufferedBytes, int maxParallelDownloads, Duration linkExpiryMargin,
                              PayloadDecoder decoder, SharedBudget shared, DirectChunkPool direct,
                              Consumer<JsonRows> rowsPreparer) {
    /** The expiry margin when none is given. */
    public static final Duration DEFAULT_EXPIRY_MARGIN = Duration.ofSeconds(60);

    /** @throws IllegalArgumentException for a budget or parallelism below 1 or a negative margin */
    public PrefetchOptions {
        Objects.requireNonNull(linkExpiryMargin, "linkExpiryMargin is null");
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes must be >= 1, got " + maxBufferedBytes);
        }
        if (maxParallelDownloads < 1) {
            throw new IllegalArgumentException("maxParallelDownloads must be >= 1, got " + maxParallelDownloads);
        }
        if (linkExpiryMargin.isNegative()) {
            throw new IllegalArgumentException("linkExpiryMargin must not be negative, got " + linkExpiryMargin);
        }
    }

    /** Options without a decoder or a shared budget. */
    public PrefetchOptions(long maxBufferedBytes, int maxParallelDownloads, Duration linkExpiryMargin) {
        this(maxBufferedBytes, maxParallelDownloads, linkExpiryMargin, null, null, null, null);
    }

    /** Options with the default expiry margin and no decoder. */
    public static PrefetchOptions of(long maxBufferedBytes, int maxParallelDownloads) {
        return new PrefetchOptions(maxBufferedBytes, maxParallelDownloads, DEFAULT_EXPIRY_MARGIN);
    }

    /** These options with {@code decoder} unwrapping framed chunks on the fetch threads. */
    public PrefetchOptions withDecoder(PayloadDecoder decoder) {
        return new PrefetchOptions(maxBufferedBytes, maxParallelDownloads, linkExpiryMargin, decoder, shared, direct,
                rowsPreparer);
    }

    /** These options with read-ahead beyond one chunk also counted against {@code shared}. */
    public PrefetchOptions withShared(SharedBudget shared) {
        return new PrefetchOptions(maxBufferedBytes, maxParallelDownloads, linkExpiryMargin, decoder, shared, direct,
                rowsPreparer);
    }

    /** These options with {@code rowsPreparer} run on every fetched chunk of JSON rows on its fetch thread. */
    public PrefetchOptions withRowsPreparer(Consumer<JsonRows> rowsPreparer) {
        return new PrefetchOptions(maxBufferedBytes, maxParallelDownloads, linkExpiryMargin, decoder, shared, direct,
                rowsPreparer);
    }

    /** These options with downloads read into {@code direct}'s buffers while it can lend them. */
    public PrefetchOptions withDirect(DirectChunkPool direct) {
        return new PrefetchOptions(maxBufferedBytes, maxParallelDownloads, linkExpiryMargin, decoder, shared, direct,
                rowsPreparer);
    }
}
