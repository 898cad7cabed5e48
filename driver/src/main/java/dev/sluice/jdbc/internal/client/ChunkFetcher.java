package dev.sluice.jdbc.internal.client;

import dev.sluice.jdbc.internal.observe.Telemetry;
import dev.sluice.jdbc.internal.observe.TraceScope;
import dev.sluice.jdbc.internal.observe.TraceSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Yields the chunks of one statement result strictly in chunk order while fetching ahead in parallel within a byte
 * budget.
 *
 * <p>Bytes held = chunks fetched but not yet taken + the chunk handed out and not yet released + the expected size
 * of fetches in flight (from {@code byte_count}, else the largest chunk seen, else the whole budget). A fetch starts
 * only while the held bytes stay within the budget, except that one chunk may always be held, however large.
 * {@link #release} or the next {@link #next()} returns the handed-out chunk's bytes. With a {@link SharedBudget}
 * in the options, the held bytes of all results that share it are also counted there, and a fetch beyond the
 * result's first held chunk starts only while it fits under the shared cap.
 *
 * <p>With a {@link DirectChunkPool} in the options, a download goes into a buffer lent by the pool whenever the pool
 * can lend one of the chunk's expected size; such chunks wait outside the heap and outside the byte budget. The
 * reader's {@link #next()} copies a chunk out of its buffer into a heap array of its own and gives the buffer back at
 * once, so no batch ever reads from a buffer that is lent again. A result holds at most one lent buffer per
 * download stream. While it holds any, its further fetches wait for one of them rather than take the heap: the
 * read-ahead is then off the heap only, and the heap holds just the reader's chunk and its copy. Chunks that the
 * fetch threads decompress stay on the heap.
 *
 * <p>Chunks come from the first response (inline rows, attachment or links), from known links, or from the chunk
 * endpoint, which also refreshes links that are near expiry or that storage refused (403, 410, "expired"); each
 * chunk is refreshed at most once after a refusal. Without {@code manifest.chunks} the order follows
 * {@code next_chunk_index}. {@code next()} is for one reader thread; {@link #close()} may come from any thread.
 */
public final class ChunkFetcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkFetcher.class);
    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private static final long SHARED_RETRY_MILLIS = 20;

    private final SeaClient client;
    private final String statementId;
    private final ResultManifest manifest;
    private final PrefetchOptions options;
    private final boolean lz4Framed;
    private final Map<Integer, ChunkInfo> manifestChunks = new HashMap<>();
    private final ThreadPoolExecutor pool;
    /** The span of the statement whose result this is, captured on the caller's thread; fetch spans are its children. */
    private final Object traceParent = Telemetry.tracing().current();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final List<Integer> order = new ArrayList<>();
    private final Map<Integer, Slot> slots = new HashMap<>();
    /** Smaller chunk arrays are not worth keeping: they are not humongous and cost little to allocate. */
    static final int MIN_SPARE_BYTES = 1 << 20;
    private static final int SPARE_GRAIN = 1 << 20;
    private final Map<Integer, ExternalLink> knownLinks = new HashMap<>();
    private boolean orderComplete;
    private int scheduled;
    private int delivered;
    private int inFlight;
    private long held;
    private long peakHeld;
    private long largestCharge;
    private ChunkPayload current;
    private boolean stopped;
    private boolean closed;
    /** A fetch waits for room in the shared budget. */
    private boolean waitingForShared;
    /** Slots holding a buffer lent by the direct pool. */
    private int leases;
    /**
     * Heap arrays of chunks the reader has left ({@link #recycle}), charged to the budget while they wait here, lent
     * again as download targets so that a big heap does not take every chunk from fresh, never-touched pages.
     */
    private final List<byte[]> spares = new ArrayList<>();

    /** A chunk being fetched or waiting to be taken. */
    private static final class Slot {
        final int index;
        final long reserved;
        Future<?> future;
        /** The fetch thread while the chunk is being fetched, so close() can abort its download. */
        volatile Thread runner;
        ChunkPayload payload;
        Throwable failure;
        /** A buffer lent by the direct pool that the chunk is read into; the slot's until given back. */
        ByteBuffer lease;
        /** The chunk's body is in {@link #lease} (flipped), its rows at {@link #rowOffset}, {@link #rowCount}. */
        boolean inLease;
        long rowOffset;
        long rowCount;
        /** Bytes of a heap array to download into (0: none): {@link #spare}, or a new array of this size. */
        int heapTarget;
        /** A recycled array for {@link #heapTarget}, the slot's from {@link #pump()} on. */
        byte[] spare;
        /** A fetch thread has begun this fetch: from then on it, not close(), gives the lease back. */
        boolean started;
        boolean finished;

        Slot(int index, long reserved) {
            this.index = index;
            this.reserved = reserved;
        }
    }

    private ChunkFetcher(SeaClient client, String statementId, ResultManifest manifest, PrefetchOptions options) {
        this.client = Objects.requireNonNull(client, "client is null");
        this.statementId = Objects.requireNonNull(statementId, "statementId is null");
        this.manifest = Objects.requireNonNull(manifest, "manifest is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.lz4Framed = manifest.resultCompression() == ResultCompression.LZ4_FRAME;
        for (ChunkInfo chunk : manifest.chunks()) {
            manifestChunks.put(chunk.chunkIndex(), chunk);
        }
        String name = "sluice-chunks-" + POOL_IDS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(options.maxParallelDownloads(), options.maxParallelDownloads(), 10,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, name + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts fetching the result of a succeeded statement.
     *
     * @param first the response's {@code result} (chunk 0), or null when absent
     */
    public static ChunkFetcher start(SeaClient client, String statementId, ResultManifest manifest, ResultData first,
                                     PrefetchOptions options) {
        ChunkFetcher fetcher = new ChunkFetcher(client, statementId, manifest, options);
        fetcher.begin(first == null ? ResultData.EMPTY : first);
        return fetcher;
    }

    private void begin(ResultData first) {
        lock.lock();
        try {
            int firstIndex = firstIndex(first);
            ChunkPayload inline = inlinePayload(firstIndex, first);
            if (inline != null) {
                Slot slot = new Slot(firstIndex, 0);
                slot.payload = inline;
                slots.put(firstIndex, slot);
                share(inline.chargedBytes());
                charge(inline.chargedBytes());
                // the best guess of the next chunks' size when the manifest gives none: without it the first fetch
                // reserved the whole budget, so nothing was fetched while chunk 0 was held and only one chunk
                // was in flight until the first fetched chunk arrived
                largestCharge = inline.chargedBytes();
            }
            if (!manifest.chunks().isEmpty()) {
                manifestChunks.keySet().stream().sorted().forEach(order::add);
                if (inline != null && !manifestChunks.containsKey(firstIndex)) {
                    order.add(firstIndex);
                    order.sort(null);
                }
                orderComplete = true;
            } else if (inline != null || !first.externalLinks().isEmpty()) {
                order.add(firstIndex);
                if (inline != null) {
                    announce(firstIndex, first.nextChunkIndex());
                }
            } else if (manifest.totalChunkCount() > 0) {
                order.add(0);
            } else {
                orderComplete = true;
            }
            registerLinks(first);
            pump();
        } finally {
            lock.unlock();
        }
    }

    private static int firstIndex(ResultData first) {
        if (first.chunkIndex() >= 0) {
            return first.chunkIndex();
        }
        List<ExternalLink> links = first.externalLinks();
        return links.isEmpty() || links.get(0).chunkIndex() < 0 ? 0 : links.get(0).chunkIndex();
    }

    private ChunkPayload inlinePayload(int index, ResultData data) {
        ChunkInfo info = manifestChunks.get(index);
        long rowOffset = data.rowOffset() >= 0 ? data.rowOffset() : info == null ? -1 : info.rowOffset();
        long rowCount = data.rowCount() >= 0 ? data.rowCount() : info == null ? -1 : info.rowCount();
        if (data.dataArray() != null) {
            return ChunkPayload.ofRows(index, rowOffset, rowCount, data.dataArray());
        }
        if (data.attachment() != null) {
            return ChunkPayload.ofBytes(index, rowOffset, rowCount, data.attachment(), lz4Framed);
        }
        return null;
    }

    // ---------------------------------------------------------------- reader side

    /**
     * The next chunk in order, waiting for it if needed; releases the previously returned chunk.
     *
     * @return the chunk, or null after the last one
     * @throws ChunkFetchException when this chunk could not be fetched (the same failure on every later call)
     * @throws InterruptedIOException when interrupted while waiting (the interrupt flag is set again)
     * @throws IOException when the fetcher is closed
     */
    public ChunkPayload next() throws IOException {
        lock.lock();
        try {
            releaseCurrent();
            pump();
            while (true) {
                if (closed) {
                    throw new IOException("the result of statement " + statementId + " is closed");
                }
                if (delivered < order.size()) {
                    int index = order.get(delivered);
                    Slot slot = slots.get(index);
                    if (slot != null && slot.payload != null) {
                        slots.remove(index);
                        delivered++;
                        current = slot.payload;
                        return current;
                    }
                    if (slot != null && slot.inLease) {
                        slots.remove(index);
                        delivered++;
                        return copyOut(slot);
                    }
                    if (slot != null && slot.failure != null) {
                        throw new ChunkFetchException(index, statementId, slot.failure);
                    }
                } else if (orderComplete) {
                    return null;
                }
                awaitChange();
                pump();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies a chunk out of its lent buffer into a heap array on the reader's thread, without the lock (the slot is
     * no longer in {@link #slots}, so close() leaves it alone), and gives the buffer back.
     */
    private ChunkPayload copyOut(Slot slot) throws IOException {
        byte[] heap;
        lock.unlock();
        try {
            heap = new byte[slot.lease.remaining()];
            slot.lease.get(0, heap);
        } finally {
            lock.lock();
            dropLease(slot);
        }
        if (closed) {
            throw new IOException("the result of statement " + statementId + " is closed");
        }
        current = ChunkPayload.ofBytes(slot.index, slot.rowOffset, slot.rowCount, heap, lz4Framed);
        share(current.chargedBytes());
        charge(current.chargedBytes());
        pump();
        return current;
    }

    /** Gives a slot's lent buffer back to the pool (lock held). */
    private void dropLease(Slot slot) {
        if (slot.lease != null) {
            options.direct().giveBack(slot.lease);
            slot.lease = null;
            slot.inLease = false;
            leases--;
        }
    }

    private void awaitChange() throws InterruptedIOException {
        try {
            if (waitingForShared) {
                // other results free the shared budget without a signal to this one: look again soon
                changed.await(SHARED_RETRY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a chunk of statement " + statementId);
        }
    }

    /** Returns a chunk's bytes to the budget before the next {@link #next()}; other payloads are ignored. */
    public void release(ChunkPayload payload) {
        lock.lock();
        try {
            if (payload != null && payload == current) {
                releaseCurrent();
                pump();
            }
        } finally {
            lock.unlock();
        }
    }

    private void releaseCurrent() {
        if (current != null) {
            held -= current.chargedBytes();
            share(-current.chargedBytes());
            current = null;
        }
    }

    /**
     * Takes back the array of a chunk that no reader can see any more (no row batch of it is in use): it waits,
     * charged to the budget, to be the download target of a later chunk. Ignored when it would not fit the budget,
     * when enough spares wait already, after close, and for anything but uncompressed Arrow bytes.
     */
    public void recycle(ChunkPayload payload) {
        lock.lock();
        try {
            addSpare(payload);
            pump();
        } finally {
            lock.unlock();
        }
    }

    /**
     * As {@link #release(ChunkPayload)} followed by {@link #recycle(ChunkPayload)} in one step, so that the fetch the
     * release lets start downloads into the recycled array: with a full budget the released bytes make the room
     * that the spare needs, and the spare is taken again at once.
     */
    public void release(ChunkPayload payload, ChunkPayload recycled) {
        lock.lock();
        try {
            if (payload != null && payload == current) {
                releaseCurrent();
            }
            addSpare(recycled);
            pump();
        } finally {
            lock.unlock();
        }
    }

    /** Keeps {@code payload}'s array as a spare when it may be one (see {@link #recycle}; lock held). */
    private void addSpare(ChunkPayload payload) {
        if (payload == null || payload.kind() != ChunkPayload.Kind.BYTES || payload.lz4Framed()) {
            return;
        }
        byte[] array = payload.bytes();
        for (byte[] s : spares) {
            if (s == array) {
                throw new IllegalStateException("chunk " + payload.chunkIndex() + " was recycled twice");
            }
        }
        if (closed || !keepsSpares() || array.length < MIN_SPARE_BYTES || payload == current
                || spares.size() >= options.maxParallelDownloads()
                || held + array.length > options.maxBufferedBytes()) {
            return;
        }
        spares.add(array);
        charge(array.length);
        share(array.length);
    }

    /** Heap arrays waiting to be download targets again. */
    int spareArrays() {
        lock.lock();
        try {
            return spares.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether arrays given to {@link #recycle} may be kept: chunks are downloaded into heap arrays (uncompressed Arrow,
     * not JSON) and the read-ahead is on the heap. With a direct pool the budget holds about one chunk and downloads
     * go off the heap, so a spare would never fit; a reader that kept the arrays of chunks it has left, to hand them
     * back, would then only hold them uncharged beside its own chunk and the next one's copy, which ran -Xmx64m out
     * of heap.
     */
    public boolean keepsSpares() {
        return manifest.format() == ResultFormat.ARROW_STREAM && !lz4Framed && options.direct() == null;
    }

    /** Whether the server said how large the chunk is, so that a spare can be chosen by size. */
    private boolean expectedKnown(int index) {
        ChunkInfo info = manifestChunks.get(index);
        ExternalLink link = knownLinks.get(index);
        return (info != null && info.byteCount() > 0) || (link != null && link.byteCount() > 0);
    }

    /** A new target is rounded up to a MiB so that it fits the slightly larger chunks that come later. */
    private static int heapTargetSize(long expected) {
        long size = (expected + SPARE_GRAIN - 1) / SPARE_GRAIN * SPARE_GRAIN;
        return (int) Math.min(size, Integer.MAX_VALUE - 8);
    }

    /** Removes and uncharges the smallest spare of at least {@code bytes}, or returns null (lock held). */
    private byte[] takeSpare(long bytes) {
        byte[] best = null;
        for (byte[] s : spares) {
            if (s.length >= bytes && (best == null || s.length < best.length)) {
                best = s;
            }
        }
        if (best != null) {
            spares.remove(best);
            held -= best.length;
            share(-best.length);
        }
        return best;
    }

    /** Drops every idle spare (lock held). */
    private void dropSpares() {
        for (byte[] s : spares) {
            held -= s.length;
            share(-s.length);
        }
        spares.clear();
    }

    /** Puts back a spare that {@link #takeSpare} took for a fetch that could not start yet (lock held). */
    private void keepSpare(byte[] spare) {
        if (spare != null) {
            spares.add(spare);
            charge(spare.length);
            share(spare.length);
        }
    }

    /** Bytes held now: buffered, handed out and reserved for fetches in flight. */
    public long bufferedBytes() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes held at any time so far. */
    public long peakBufferedBytes() {
        lock.lock();
        try {
            return peakHeld;
        } finally {
            lock.unlock();
        }
    }

    /** Buffers lent by the direct pool that this result holds now (in flight or waiting for the reader). */
    int directBuffers() {
        lock.lock();
        try {
            return leases;
        } finally {
            lock.unlock();
        }
    }

    /** Fetches in flight now. */
    int fetchesInFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops all fetches (interrupting downloads in flight), drops buffered chunks and returns at once; a reader
     * blocked in {@link #next()} gets an IOException. Idempotent and safe from any thread.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Slot slot : slots.values()) {
                if (slot.future != null) {
                    slot.future.cancel(true);
                }
                Thread runner = slot.runner;
                if (runner != null) {
                    client.abortDownload(runner);
                }
                if (!slot.started || slot.finished) {
                    // a download in flight may still write into its buffer: its fetch thread gives it back
                    dropLease(slot);
                }
            }
            slots.clear();
            knownLinks.clear();
            spares.clear();
            current = null;
            share(-held);
            held = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        pool.shutdownNow();
    }

    /** Waits until every fetch thread has ended after {@link #close()}; true when they have. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ---------------------------------------------------------------- scheduling (lock held)

    private void pump() {
        while (!closed && !stopped && scheduled < order.size() && inFlight < options.maxParallelDownloads()) {
            int index = order.get(scheduled);
            if (slots.containsKey(index)) {
                scheduled++;
                continue;
            }
            long expected = expectedBytes(index);
            // one buffer per download stream: measured on 2 cores, a deeper read-ahead only kept the fetch threads
            // busy at the reader's expense (4 buffers read 9.7 M rows/s at -Xmx4g, 2 read 10.7 M at -Xmx64m)
            ByteBuffer lease = leases < options.maxParallelDownloads() ? lendDirect(expected) : null;
            byte[] spare = null;
            if (lease == null) {
                if (leases > 0) {
                    // the read-ahead is off the heap: wait for one of this result's buffers to come back
                    return;
                }
                spare = keepsSpares() && expected >= MIN_SPARE_BYTES && expectedKnown(index) ? takeSpare(expected) : null;
                if (held + expected > options.maxBufferedBytes()) {
                    // idle spares never stand in the way of a fetch: they go first
                    dropSpares();
                }
                if (held > 0 && held + expected > options.maxBufferedBytes()) {
                    keepSpare(spare);
                    return;
                }
                if (!takeShared(expected)) {
                    // other results wait for the shared budget too: hold nothing idle meanwhile
                    dropSpares();
                    waitingForShared = true;
                    return;
                }
                waitingForShared = false;
            }
            Slot slot = new Slot(index, lease == null ? expected : 0);
            slot.lease = lease;
            if (lease == null && keepsSpares() && expected >= MIN_SPARE_BYTES && expectedKnown(index)) {
                slot.spare = spare;
                slot.heapTarget = spare != null ? spare.length : heapTargetSize(expected);
            }
            if (lease != null) {
                leases++;
            }
            slots.put(index, slot);
            scheduled++;
            inFlight++;
            charge(slot.reserved);
            slot.future = pool.submit(() -> run(slot));
        }
    }

    /** A direct buffer for a download of {@code expected} bytes, or null to fetch onto the heap. */
    private ByteBuffer lendDirect(long expected) {
        DirectChunkPool direct = options.direct();
        if (direct == null || manifest.format() != ResultFormat.ARROW_STREAM
                || (lz4Framed && options.decoder() != null)) {
            // JSON chunks come inline; a chunk that a fetch thread decompresses ends up on the heap anyway
            return null;
        }
        return direct.lend(expected);
    }

    private long expectedBytes(int index) {
        long expected = -1;
        ChunkInfo info = manifestChunks.get(index);
        if (info != null) {
            expected = info.byteCount();
        }
        ExternalLink link = knownLinks.get(index);
        if (link != null) {
            expected = Math.max(expected, link.byteCount());
        }
        if (expected >= 0) {
            return expected;
        }
        return largestCharge > 0 ? largestCharge : options.maxBufferedBytes();
    }

    /**
     * Takes a fetch's expected bytes from the shared budget: always for a result holding nothing (every reader
     * makes progress), else only when they fit.
     */
    private boolean takeShared(long bytes) {
        SharedBudget shared = options.shared();
        if (shared == null) {
            return true;
        }
        if (held == 0) {
            shared.take(bytes);
            return true;
        }
        return shared.tryTake(bytes);
    }

    /** Follows a change of {@link #held} in the shared budget (after {@link #takeShared} for new fetches). */
    private void share(long delta) {
        SharedBudget shared = options.shared();
        if (shared != null && delta != 0) {
            if (delta > 0) {
                shared.take(delta);
            } else {
                shared.give(-delta);
            }
        }
    }

    private void charge(long bytes) {
        held += bytes;
        peakHeld = Math.max(peakHeld, held);
    }

    /** Appends the successor of the last known chunk once that chunk's metadata is known. */
    private void announce(int index, int nextHint) {
        if (orderComplete || order.isEmpty() || order.get(order.size() - 1) != index) {
            return;
        }
        int next;
        if (nextHint > index) {
            next = nextHint;
        } else if (manifest.totalChunkCount() > index + 1) {
            next = index + 1;
        } else {
            next = -1;
        }
        if (next < 0) {
            orderComplete = true;
        } else {
            order.add(next);
        }
        changed.signalAll();
    }

    private void registerLinks(ResultData data) {
        List<ExternalLink> links = new ArrayList<>(data.externalLinks());
        links.sort((a, b) -> Integer.compare(a.chunkIndex(), b.chunkIndex()));
        for (ExternalLink link : links) {
            int index = link.chunkIndex() < 0 ? firstIndex(data) : link.chunkIndex();
            announce(index, link.nextChunkIndex());
            int position = order.indexOf(index);
            if (position < 0 || position >= scheduled) {
                // links of chunks already fetched or in flight would never be used
                knownLinks.put(index, link);
            }
        }
    }

    // ---------------------------------------------------------------- fetch threads

    private void run(Slot slot) {
        if (!claim(slot)) {
            return;
        }
        ChunkPayload payload = null;
        Throwable failure = null;
        TraceSpan span = Telemetry.tracing().startFetch(traceParent, statementId, slot.index);
        TraceScope scope = span.makeCurrent();
        try {
            payload = prepared(decoded(fetch(slot)));
            span.attribute("databricks.rows", payload == null ? slot.rowCount : payload.rowCount())
                    .attribute("databricks.bytes", payload == null ? slot.lease.limit() : payload.length());
        } catch (IOException | RuntimeException | Error e) {
            // an Error too (OutOfMemoryError for a chunk that does not fit): left uncaught it would end this
            // thread without a word to the reader, who would then wait for the chunk forever
            failure = e;
            span.failed(e.getClass().getSimpleName());
        } finally {
            slot.runner = null;
            scope.close();
            span.end();
        }
        finish(slot, payload, failure);
    }

    /** Marks a fetch begun; false when the fetcher closed first (close() then gave its lease back). */
    private boolean claim(Slot slot) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            slot.started = true;
            slot.runner = Thread.currentThread();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void finish(Slot slot, ChunkPayload payload, Throwable failure) {
        lock.lock();
        try {
            inFlight--;
            slot.finished = true;
            if (closed) {
                dropLease(slot);
                return;
            }
            held -= slot.reserved;
            share(-slot.reserved);
            if (payload == null && failure == null) {
                // the chunk is in its lent buffer, outside the budget
                slot.inLease = true;
                largestCharge = Math.max(largestCharge, slot.lease.limit());
                announce(slot.index, -1);
            } else if (payload != null) {
                // inline after all, or larger than its buffer: on the heap
                dropLease(slot);
                slot.payload = payload;
                share(payload.chargedBytes());
                charge(payload.chargedBytes());
                largestCharge = Math.max(largestCharge, payload.chargedBytes());
                announce(slot.index, -1);
            } else {
                LOG.debug("chunk {} of statement {} failed: {}", slot.index, statementId, failure.toString());
                dropLease(slot);
                slot.failure = failure;
                stopped = true;
            }
            changed.signalAll();
            pump();
        } finally {
            lock.unlock();
        }
    }

    /** The chunk as a heap payload, or null when its body is in the slot's lease. */
    private ChunkPayload fetch(Slot slot) throws IOException {
        int index = slot.index;
        ExternalLink link = takeLink(index);
        if (link == null || link.expiresWithin(options.linkExpiryMargin(), Instant.now())) {
            if (link != null) {
                LOG.debug("link of chunk {} expires at {}; fetching a fresh one", index, link.expiration());
            }
            ResultData data = client.chunk(statementId, index);
            ChunkPayload inline = absorb(index, data);
            if (inline != null) {
                return inline;
            }
            link = linkFor(index, data);
        }
        try {
            return downloaded(slot, link);
        } catch (ApiException refused) {
            if (!ApiErrors.isExpiredLink(refused)) {
                throw refused;
            }
            LOG.debug("storage refused chunk {} with HTTP {}; fetching a fresh link", index, refused.httpStatus());
            try {
                ResultData data = client.chunk(statementId, index);
                ChunkPayload inline = absorb(index, data);
                if (inline != null) {
                    return inline;
                }
                ExternalLink fresh = linkFor(index, data);
                return downloaded(slot, fresh);
            } catch (IOException again) {
                again.addSuppressed(refused);
                throw again;
            }
        }
    }

    private ExternalLink takeLink(int index) {
        lock.lock();
        try {
            return knownLinks.remove(index);
        } finally {
            lock.unlock();
        }
    }

    /** Records what a chunk response tells about other chunks; returns its inline payload, if it has one. */
    private ChunkPayload absorb(int index, ResultData data) {
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            ChunkPayload inline = inlinePayload(index, data);
            if (inline != null) {
                announce(index, data.nextChunkIndex());
                return inline;
            }
            registerLinks(data);
            knownLinks.remove(index);
            return null;
        } finally {
            lock.unlock();
        }
    }

    private static ExternalLink linkFor(int index, ResultData data) throws IOException {
        for (ExternalLink link : data.externalLinks()) {
            if (link.chunkIndex() == index || (link.chunkIndex() < 0 && data.externalLinks().size() == 1)) {
                return link;
            }
        }
        throw new IOException("the chunk endpoint returned neither data nor a link for chunk " + index);
    }

    /**
     * JSON rows after the options' preparer has run on them, charged at what they hold then (their column arrays
     * included): the reader's thread is the one that has no time to spare, the fetch threads wait on the network.
     */
    private ChunkPayload prepared(ChunkPayload payload) {
        if (options.rowsPreparer() == null || payload == null || payload.kind() != ChunkPayload.Kind.ROWS) {
            return payload;
        }
        options.rowsPreparer().accept(payload.rows());
        return ChunkPayload.ofRows(payload.chunkIndex(), payload.rowOffset(), payload.rowCount(), payload.rows());
    }

    /** A framed chunk unwrapped by the options' decoder; it is then charged at its decoded size. */
    private ChunkPayload decoded(ChunkPayload payload) throws IOException {
        PayloadDecoder decoder = options.decoder();
        if (decoder == null || payload == null || payload.kind() != ChunkPayload.Kind.BYTES || !payload.lz4Framed()) {
            return payload;
        }
        ByteBuffer decoded = decoder.decode(payload.bytes());
        return ChunkPayload.ofDecoded(payload.chunkIndex(), payload.rowOffset(), payload.rowCount(), decoded.array(),
                decoded.limit());
    }

    /** Downloads a link into the slot's lease when it has one and the body fits there (then null), else to the heap. */
    private ChunkPayload downloaded(Slot slot, ExternalLink link) throws IOException {
        if (slot.lease == null && slot.heapTarget > 0) {
            byte[] array = slot.spare != null ? slot.spare : new byte[slot.heapTarget];
            slot.spare = null;
            ByteBuffer target = ByteBuffer.wrap(array);
            byte[] body = client.download(link, target);
            if (body != null) {
                return bytesPayload(slot.index, link, body);
            }
            return ChunkPayload.ofBuffer(slot.index, rowOffset(slot.index, link), rowCount(slot.index, link), array,
                    target.limit(), lz4Framed);
        }
        if (slot.lease == null) {
            return bytesPayload(slot.index, link, client.download(link));
        }
        byte[] body = client.download(link, slot.lease);
        if (body != null) {
            return bytesPayload(slot.index, link, body);
        }
        slot.rowOffset = rowOffset(slot.index, link);
        slot.rowCount = rowCount(slot.index, link);
        return null;
    }

    private ChunkPayload bytesPayload(int index, ExternalLink link, byte[] bytes) {
        return ChunkPayload.ofBytes(index, rowOffset(index, link), rowCount(index, link), bytes, lz4Framed);
    }

    /** The chunk's first row: the link's, else the manifest's, else -1. */
    private long rowOffset(int index, ExternalLink link) {
        ChunkInfo info = manifestChunks.get(index);
        return link.rowOffset() >= 0 ? link.rowOffset() : info == null ? -1 : info.rowOffset();
    }

    /** The chunk's rows: the link's, else the manifest's, else -1. */
    private long rowCount(int index, ExternalLink link) {
        ChunkInfo info = manifestChunks.get(index);
        return link.rowCount() >= 0 ? link.rowCount() : info == null ? -1 : info.rowCount();
    }
}
