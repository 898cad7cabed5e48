package dev.sluice.jdbc.internal.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ordering, byte budget, link refresh, failures and close of {@link ChunkFetcher}, over a scripted client. */
class ChunkFetcherTest {
    private static final String STATEMENT = "st-1";

    private final ScriptedClient client = new ScriptedClient();
    private ChunkFetcher fetcher;

    @AfterEach
    void closeFetcher() {
        if (fetcher != null) {
            fetcher.close();
        }
    }

    // ---------------------------------------------------------------- fixtures

    /** A SeaClient whose chunk and download answers are scripted; it logs every call. */
    static final class ScriptedClient implements SeaClient {
        interface Chunk {
            ResultData answer(int index) throws IOException;
        }

        interface Download {
            byte[] answer(ExternalLink link) throws IOException;
        }

        final Queue<String> calls = new ConcurrentLinkedQueue<>();
        volatile Chunk chunks = index -> {
            throw new AssertionError("unexpected chunk call " + index);
        };
        volatile Download downloads = link -> bytesFor(link);
        final AtomicInteger directDownloads = new AtomicInteger();

        @Override
        public ResultData chunk(String statementId, int chunkIndex) throws IOException {
            calls.add("chunk:" + chunkIndex);
            return chunks.answer(chunkIndex);
        }

        @Override
        public byte[] download(ExternalLink link) throws IOException {
            calls.add("download:" + link.url());
            return downloads.answer(link);
        }

        /** Downloads into a lent buffer: some bytes land there before the scripted answer (which may fail). */
        @Override
        public byte[] download(ExternalLink link, ByteBuffer target) throws IOException {
            directDownloads.incrementAndGet();
            target.clear();
            target.put(new byte[Math.min(target.capacity(), 16)]);
            return SeaClient.super.download(link, target);
        }

        List<String> calls() {
            return new ArrayList<>(calls);
        }

        @Override
        public String createSession(String w, String c, String s, Map<String, String> confs) {
            throw new UnsupportedOperationException("ChunkFetcher never calls this");
        }

        @Override
        public void deleteSession(String warehouseId, String sessionId) {
            throw new UnsupportedOperationException("ChunkFetcher never calls this");
        }

        @Override
        public StatementResponse execute(StatementRequest request) {
            throw new UnsupportedOperationException("ChunkFetcher never calls this");
        }

        @Override
        public StatementResponse get(String statementId) {
            throw new UnsupportedOperationException("ChunkFetcher never calls this");
        }

        @Override
        public void cancel(String statementId) {
            throw new UnsupportedOperationException("ChunkFetcher never calls this");
        }

        @Override
        public void close(String statementId) {
            throw new UnsupportedOperationException("ChunkFetcher never calls this");
        }

        @Override
        public void close() {
        }
    }

    /** Link URLs end in "/{index}/{size}" so a download can produce the right bytes. */
    static ExternalLink link(int index, int size, int next, String tag, Instant expiration) {
        return new ExternalLink(index, index * 100L, 100, size, "https://storage.example/" + tag + "/" + index + "/"
                + size + "?sig=SECRET", expiration, Map.of("x-enc-key", "k"), next);
    }

    static ExternalLink link(int index, int size, int next) {
        return link(index, size, next, "r", Instant.now().plusSeconds(900));
    }

    static byte[] bytesFor(ExternalLink link) {
        String[] parts = link.url().substring(0, link.url().indexOf('?')).split("/");
        byte[] bytes = new byte[Integer.parseInt(parts[parts.length - 1])];
        Arrays.fill(bytes, (byte) Integer.parseInt(parts[parts.length - 2]));
        return bytes;
    }

    static ResultData linksResult(ExternalLink... links) {
        return new ResultData(-1, -1, -1, -1, null, List.of(links), null, -1, null);
    }

    static ResultData rowsResult(int index, long offset, int next, String[]... rows) {
        return new ResultData(index, offset, rows.length, -1, JsonRows.of(List.of(rows)), List.of(), null, next, null);
    }

    static ResultManifest manifest(int chunkCount, long bytesPerChunk, boolean listChunks) {
        List<ChunkInfo> chunks = listChunks ? IntStream.range(0, chunkCount)
                .mapToObj(i -> new ChunkInfo(i, i * 100L, 100, bytesPerChunk)).collect(Collectors.toList()) : List.of();
        return new ResultManifest(ResultFormat.ARROW_STREAM, List.of(), chunkCount, chunks, chunkCount * 100L, -1,
                false, ResultCompression.NONE, false);
    }

    /** A fixed-manifest result whose chunk endpoint hands out links for chunks 1.. of the given size. */
    private ChunkFetcher startLinked(int chunkCount, int size, PrefetchOptions options) {
        client.chunks = index -> linksResult(link(index, size, index + 1 < chunkCount ? index + 1 : -1));
        return ChunkFetcher.start(client, STATEMENT, manifest(chunkCount, size, true),
                linksResult(link(0, size, chunkCount > 1 ? 1 : -1)), options);
    }

    private static List<Integer> drain(ChunkFetcher fetcher) throws IOException {
        List<Integer> indexes = new ArrayList<>();
        for (ChunkPayload payload = fetcher.next(); payload != null; payload = fetcher.next()) {
            indexes.add(payload.chunkIndex());
        }
        return indexes;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    // ---------------------------------------------------------------- ordering

    @Test
    void deliversInChunkOrderWhenLaterChunksFinishFirst() throws Exception {
        CountDownLatch laterChunksDone = new CountDownLatch(2);
        AtomicBoolean chunkZeroWaitedForThem = new AtomicBoolean();
        client.downloads = link -> {
            if (link.chunkIndex() == 0) {
                try {
                    chunkZeroWaitedForThem.set(laterChunksDone.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                return bytesFor(link);
            }
            byte[] bytes = bytesFor(link);
            laterChunksDone.countDown();
            return bytes;
        };
        fetcher = startLinked(3, 10, PrefetchOptions.of(1_000, 3));

        List<ChunkPayload> payloads = new ArrayList<>();
        for (ChunkPayload payload = fetcher.next(); payload != null; payload = fetcher.next()) {
            payloads.add(payload);
        }

        assertThat(chunkZeroWaitedForThem).as("chunks 1 and 2 completed while chunk 0 was in flight").isTrue();
        assertThat(payloads).extracting(ChunkPayload::chunkIndex).containsExactly(0, 1, 2);
        assertThat(payloads).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ChunkPayload.Kind.BYTES);
            assertThat(p.bytes()).hasSize(10).containsOnly((byte) p.chunkIndex());
            assertThat(p.rowOffset()).isEqualTo(p.chunkIndex() * 100L);
            assertThat(p.rowCount()).isEqualTo(100);
            assertThat(p.lz4Framed()).isFalse();
        });
    }

    // ---------------------------------------------------------------- byte budget

    @Test
    void byteBudgetBoundsWhatIsBufferedAndInFlight() throws Exception {
        long budget = 350;
        AtomicLong started = new AtomicLong();
        AtomicLong released = new AtomicLong();
        AtomicLong worstOutstanding = new AtomicLong();
        client.downloads = link -> {
            long outstanding = started.addAndGet(link.byteCount()) - released.get();
            worstOutstanding.accumulateAndGet(outstanding, Math::max);
            return bytesFor(link);
        };
        fetcher = startLinked(12, 100, PrefetchOptions.of(budget, 8));

        await(() -> fetcher.fetchesInFlight() == 0 && fetcher.bufferedBytes() == 300, "three chunks buffered");
        assertThat(client.calls().stream().filter(c -> c.startsWith("download:")))
                .as("a fourth chunk would pass the budget while nobody reads").hasSize(3);

        List<Integer> order = new ArrayList<>();
        for (ChunkPayload payload = fetcher.next(); payload != null; payload = fetcher.next()) {
            order.add(payload.chunkIndex());
            released.addAndGet(payload.chargedBytes());
            fetcher.release(payload);
        }

        assertThat(order).containsExactlyElementsOf(IntStream.range(0, 12).boxed().collect(Collectors.toList()));
        assertThat(fetcher.peakBufferedBytes()).isBetween(300L, budget);
        assertThat(worstOutstanding.get()).as("bytes started but not released, seen by the server").isLessThanOrEqualTo(
                budget);
        assertThat(fetcher.bufferedBytes()).isZero();
    }

    @Test
    void aSharedBudgetLimitsReadAheadAcrossResultsButEveryResultStillStreams() throws Exception {
        // two results with room for 8 chunks each, sharing room for 3 chunks between them
        SharedBudget shared = new SharedBudget(300);
        ScriptedClient otherClient = new ScriptedClient();
        otherClient.chunks = index -> linksResult(link(index, 100, index + 1 < 6 ? index + 1 : -1, "o",
                Instant.now().plusSeconds(900)));
        fetcher = startLinked(6, 100, PrefetchOptions.of(800, 4).withShared(shared));
        ChunkFetcher other = ChunkFetcher.start(otherClient, "st-2", manifest(6, 100, true),
                linksResult(link(0, 100, 1, "o", Instant.now().plusSeconds(900))),
                PrefetchOptions.of(800, 4).withShared(shared));
        try {
            await(() -> fetcher.fetchesInFlight() == 0 && other.fetchesInFlight() == 0
                    && fetcher.bufferedBytes() + other.bufferedBytes() == shared.used(), "both idle");
            // the first result started first and filled the shared 300 bytes; the second may still hold its one chunk
            assertThat(fetcher.bufferedBytes()).isEqualTo(300);
            assertThat(other.bufferedBytes()).isEqualTo(100);
            assertThat(shared.used()).isEqualTo(400);

            List<Integer> first = new ArrayList<>();
            List<Integer> second = new ArrayList<>();
            ChunkPayload a = fetcher.next();
            ChunkPayload b = other.next();
            while (a != null || b != null) {
                if (a != null) {
                    first.add(a.chunkIndex());
                    a = fetcher.next();
                }
                if (b != null) {
                    second.add(b.chunkIndex());
                    b = other.next();
                }
                // a download may be between taking its room and holding its chunk: compare once both are idle
                await(() -> fetcher.fetchesInFlight() == 0 && other.fetchesInFlight() == 0
                        && shared.used() == fetcher.bufferedBytes() + other.bufferedBytes(),
                        "the shared budget equal to what both results hold");
            }
            assertThat(first).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(second).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(fetcher.peakBufferedBytes() + other.peakBufferedBytes())
                    .as("neither result ran ahead to its own 800 bytes").isLessThanOrEqualTo(600);
        } finally {
            other.close();
        }
        fetcher.close();
        assertThat(shared.used()).as("everything given back").isZero();
    }

    @Test
    void oneChunkLargerThanTheBudgetIsStillFetchedButAlone() throws Exception {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        client.downloads = link -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
                return bytesFor(link);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            } finally {
                active.decrementAndGet();
            }
        };
        fetcher = startLinked(3, 1_000, PrefetchOptions.of(100, 4));

        assertThat(drain(fetcher)).containsExactly(0, 1, 2);
        assertThat(mostActive.get()).isEqualTo(1);
        assertThat(fetcher.peakBufferedBytes()).isEqualTo(1_000);
    }

    @Test
    void releaseReturnsTheBytesBeforeTheNextCall() throws Exception {
        fetcher = startLinked(2, 100, PrefetchOptions.of(150, 2));
        ChunkPayload first = fetcher.next();
        await(() -> fetcher.fetchesInFlight() == 0, "chunk 0 settled");
        assertThat(first.chunkIndex()).isZero();
        assertThat(client.calls()).as("chunk 1 waits while chunk 0 is held").containsExactly(
                "download:" + link(0, 100, 1).url());

        fetcher.release(first);
        await(() -> client.calls().size() == 3, "chunk 1 fetched after release");
        assertThat(fetcher.next().chunkIndex()).isEqualTo(1);
        assertThat(fetcher.next()).isNull();
    }

    // ---------------------------------------------------------------- shapes of results

    @Test
    void inlineJsonRowsAndChunkEndpointRowsFollowNextChunkIndex() throws Exception {
        client.chunks = index -> index == 1
                ? rowsResult(1, 2, 2, new String[]{"3", null})
                : rowsResult(2, 3, -1, new String[]{"4", "d"}, new String[]{"5", "e"});
        ResultManifest manifest = new ResultManifest(ResultFormat.JSON_ARRAY, List.of(), -1, List.of(), -1, -1, false,
                ResultCompression.NONE, false);
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest,
                rowsResult(0, 0, 1, new String[]{"1", "a"}, new String[]{"2", null}), PrefetchOptions.of(1 << 20, 2));

        ChunkPayload zero = fetcher.next();
        ChunkPayload one = fetcher.next();
        ChunkPayload two = fetcher.next();

        assertThat(fetcher.next()).isNull();
        assertThat(zero.kind()).isEqualTo(ChunkPayload.Kind.ROWS);
        assertThat(zero.bytes()).isNull();
        assertThat(zero.rows()).hasSize(2);
        assertThat(zero.rows().get(1)).containsExactly("2", null);
        assertThat(one.chunkIndex()).isEqualTo(1);
        assertThat(one.rowOffset()).isEqualTo(2);
        assertThat(one.rows().get(0)).containsExactly("3", null);
        assertThat(two.rowOffset()).isEqualTo(3);
        assertThat(two.rowCount()).isEqualTo(2);
        assertThat(client.calls()).containsExactly("chunk:1", "chunk:2");
    }

    /** Equal-sized JSON chunks: the manifest lists them without byte_count, as INLINE results do. */
    private ChunkFetcher startJson(int chunkCount, long budget, int parallel) {
        ResultManifest manifest = new ResultManifest(ResultFormat.JSON_ARRAY, List.of(), chunkCount,
                IntStream.range(0, chunkCount).mapToObj(i -> new ChunkInfo(i, i * 2L, 2, -1))
                        .collect(Collectors.toList()), chunkCount * 2L, -1, false, ResultCompression.NONE, false);
        return ChunkFetcher.start(client, STATEMENT, manifest, jsonChunk(0, chunkCount),
                PrefetchOptions.of(budget, parallel));
    }

    private static ResultData jsonChunk(int index, int chunkCount) {
        return rowsResult(index, index * 2L, index + 1 < chunkCount ? index + 1 : -1,
                new String[]{"1" + index, "a"}, new String[]{"2" + index, "b"});
    }

    private static long jsonChunkCharge() {
        return jsonChunk(0, 1).dataArray().heapBytes();
    }

    @Test
    void fetchedJsonRowsArePreparedOnTheFetchThreadAndChargedWithWhatThatBuilt() throws Exception {
        client.chunks = index -> jsonChunk(index, 3);
        ResultManifest manifest = new ResultManifest(ResultFormat.JSON_ARRAY, List.of(), 3,
                IntStream.range(0, 3).mapToObj(i -> new ChunkInfo(i, i * 2L, 2, -1))
                        .collect(Collectors.toList()), 6L, -1, false, ResultCompression.NONE, false);
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest, jsonChunk(0, 3), PrefetchOptions.of(1 << 20, 2)
                .withRowsPreparer(rows -> {
                    threads.add(Thread.currentThread().getName());
                    rows.columnArray(0, c -> new int[rows.rowCount()]);
                }));
        ChunkPayload first = fetcher.next();
        assertThat(first.rows().columnArray(0, c -> null)).as("chunk 0 came with the response: not prepared").isNull();
        for (int i = 1; i < 3; i++) {
            ChunkPayload payload = fetcher.next();
            assertThat(payload.rows().columnArray(0, c -> null)).isInstanceOf(int[].class);
            assertThat(payload.chargedBytes()).as("charged with the array")
                    .isEqualTo(payload.rows().heapBytes()).isEqualTo(jsonChunkCharge() + 16 + 4 * 2);
        }
        assertThat(fetcher.next()).isNull();
        assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("sluice-chunks-"));
    }

    @Test
    void jsonChunksAreFetchedAheadWhileChunkZeroIsHeldAsFarAsTheBudgetAllows() throws Exception {
        long charge = jsonChunkCharge();
        client.chunks = index -> jsonChunk(index, 6);
        // room for chunk 0 and two more; the manifest gives no byte_count, so chunk 0's size is the estimate
        fetcher = startJson(6, 3 * charge, 4);

        await(() -> client.calls().size() == 2 && fetcher.fetchesInFlight() == 0, "chunks 1 and 2 fetched ahead");
        assertThat(fetcher.bufferedBytes()).isEqualTo(3 * charge);
        assertThat(client.calls()).as("a fourth chunk would pass the budget")
                .containsExactlyInAnyOrder("chunk:1", "chunk:2");

        List<Integer> order = new ArrayList<>();
        for (ChunkPayload payload = fetcher.next(); payload != null; payload = fetcher.next()) {
            order.add(payload.chunkIndex());
            assertThat(fetcher.bufferedBytes()).isLessThanOrEqualTo(3 * charge);
            assertThat(payload.rows().get(0)).containsExactly("1" + payload.chunkIndex(), "a");
            fetcher.release(payload);
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(fetcher.peakBufferedBytes()).isEqualTo(3 * charge);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFailedPrefetchedJsonChunkReachesTheReaderAtThatChunk() throws Exception {
        client.chunks = index -> {
            if (index == 2) {
                throw new ApiException(503, "TEMPORARILY_UNAVAILABLE", "scripted", null, "GET", "chunk");
            }
            return jsonChunk(index, 4);
        };
        fetcher = startJson(4, 1 << 20, 2);

        await(() -> client.calls().contains("chunk:2") && fetcher.fetchesInFlight() == 0,
                "chunk 2 fetched (and failed) before the reader asked for anything");
        assertThat(fetcher.next().chunkIndex()).isZero();
        assertThat(fetcher.next().chunkIndex()).isEqualTo(1);
        assertThatThrownBy(fetcher::next).isInstanceOfSatisfying(ChunkFetchException.class, e -> {
            assertThat(e.chunkIndex()).isEqualTo(2);
            assertThat(e.getCause()).isInstanceOf(ApiException.class);
        });
    }

    @Test
    void closeEndsJsonChunkFetchesInFlightAndStartsNoMore() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicInteger interrupted = new AtomicInteger();
        client.chunks = index -> {
            bothStarted.countDown();
            try {
                Thread.sleep(60_000);
                return jsonChunk(index, 8);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw new InterruptedIOException("chunk GET interrupted");
            }
        };
        fetcher = startJson(8, 1 << 20, 2);
        assertThat(bothStarted.await(10, TimeUnit.SECONDS)).as("two chunk GETs began before any next()").isTrue();

        fetcher.close();

        assertThat(fetcher.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(interrupted.get()).isEqualTo(2);
        assertThat(client.calls()).containsExactlyInAnyOrder("chunk:1", "chunk:2");
        assertThat(fetcher.bufferedBytes()).isZero();
        assertThatThrownBy(fetcher::next).hasMessageContaining("closed");
    }

    @Test
    void externalLinksFollowNextChunkIndexWithoutManifestChunks() throws Exception {
        client.chunks = index -> linksResult(link(index, 10, index < 3 ? index + 1 : -1));
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest(-1, -1, false), linksResult(link(0, 10, 1)),
                PrefetchOptions.of(1_000, 2));

        assertThat(drain(fetcher)).containsExactly(0, 1, 2, 3);
        assertThat(client.calls()).filteredOn(c -> c.startsWith("chunk:"))
                .containsExactlyInAnyOrder("chunk:1", "chunk:2", "chunk:3");
    }

    @Test
    void linksHandedOutAheadAreUsedWithoutAskingAgain() throws Exception {
        client.chunks = index -> {
            assertThat(index).isEqualTo(1);
            return linksResult(link(1, 10, 2), link(2, 10, -1));
        };
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest(3, 10, true), linksResult(link(0, 10, 1)),
                PrefetchOptions.of(1_000, 1));

        assertThat(drain(fetcher)).containsExactly(0, 1, 2);
        assertThat(client.calls()).containsExactly("download:" + link(0, 10, 1).url(), "chunk:1",
                "download:" + link(1, 10, 2).url(), "download:" + link(2, 10, -1).url());
    }

    @Test
    void inlineAttachmentIsDeliveredAsLz4FramedBytes() throws Exception {
        byte[] attachment = {4, 34, 77, 24, 1, 2};
        ResultManifest manifest = new ResultManifest(ResultFormat.ARROW_STREAM, List.of(), 1, List.of(), 5, -1, false,
                ResultCompression.LZ4_FRAME, false);
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest,
                new ResultData(0, 0, 5, -1, null, List.of(), attachment, -1, null), PrefetchOptions.of(1, 1));

        ChunkPayload payload = fetcher.next();
        assertThat(payload.kind()).isEqualTo(ChunkPayload.Kind.BYTES);
        assertThat(payload.bytes()).containsExactly(attachment);
        assertThat(payload.lz4Framed()).isTrue();
        assertThat(payload.rowCount()).isEqualTo(5);
        assertThat(fetcher.next()).isNull();
        assertThat(client.calls()).isEmpty();
    }

    @Test
    void resultsWithoutRowsHaveNoChunks() throws Exception {
        ResultManifest ddl = new ResultManifest(ResultFormat.JSON_ARRAY, List.of(), 0, List.of(), 0, 0, false,
                ResultCompression.NONE, false);
        try (ChunkFetcher empty = ChunkFetcher.start(client, STATEMENT, ddl, ResultData.EMPTY,
                PrefetchOptions.of(10, 1))) {
            assertThat(empty.next()).isNull();
            assertThat(empty.next()).isNull();
        }
        try (ChunkFetcher absent = ChunkFetcher.start(client, STATEMENT, ddl, null, PrefetchOptions.of(10, 1))) {
            assertThat(absent.next()).isNull();
        }
        assertThat(client.calls()).isEmpty();
    }

    @Test
    void chunkZeroIsFetchedWhenTheFirstResponseCarriedNone() throws Exception {
        client.chunks = index -> linksResult(link(index, 5, -1));
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest(1, -1, false), ResultData.EMPTY,
                PrefetchOptions.of(100, 1));

        assertThat(drain(fetcher)).containsExactly(0);
        assertThat(client.calls()).first().isEqualTo("chunk:0");
    }

    // ---------------------------------------------------------------- link refresh

    @Test
    void linksNearExpiryAreRefreshedBeforeDownload() throws Exception {
        client.chunks = index -> linksResult(link(index, 10, index == 0 ? 1 : -1, "fresh", Instant.now().plusSeconds(900)));
        ResultData first = linksResult(link(0, 10, 1, "stale", Instant.now().plusSeconds(30)));
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest(2, 10, true), first,
                new PrefetchOptions(1_000, 1, Duration.ofSeconds(60)));

        assertThat(drain(fetcher)).containsExactly(0, 1);
        assertThat(client.calls()).noneMatch(call -> call.contains("/stale/"));
        assertThat(client.calls()).startsWith("chunk:0", "download:" + link(0, 10, 1, "fresh", null).url());
    }

    @Test
    void aRefusedDownloadIsRetriedOnceWithAFreshLink() throws Exception {
        client.chunks = index -> linksResult(link(index, 10, -1, "fresh", Instant.now().plusSeconds(900)));
        client.downloads = link -> {
            if (link.url().contains("/stale/")) {
                throw new ApiException(403, "AccessDenied", "Request has expired", null, "GET", "{external_link}");
            }
            return bytesFor(link);
        };
        ResultData first = linksResult(link(0, 10, -1, "stale", Instant.now().plusSeconds(900)));
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest(1, 10, true), first, PrefetchOptions.of(100, 1));

        ChunkPayload payload = fetcher.next();

        assertThat(payload.bytes()).hasSize(10);
        assertThat(client.calls()).containsExactly("download:" + link(0, 10, -1, "stale", null).url(), "chunk:0",
                "download:" + link(0, 10, -1, "fresh", null).url());
    }

    @Test
    void aSecondRefusalSurfacesWithTheChunkIndexAndNoUrl() throws Exception {
        client.chunks = index -> linksResult(link(index, 10, -1, "fresh", Instant.now().plusSeconds(900)));
        client.downloads = link -> {
            if (link.chunkIndex() == 1) {
                throw new ApiException(410, null, "Gone", null, "GET", "{external_link}");
            }
            return bytesFor(link);
        };
        fetcher = ChunkFetcher.start(client, STATEMENT, manifest(2, 10, true), linksResult(link(0, 10, 1)),
                PrefetchOptions.of(100, 2));

        assertThat(fetcher.next().chunkIndex()).isZero();
        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(fetcher::next).isInstanceOfSatisfying(ChunkFetchException.class, e -> {
                assertThat(e.chunkIndex()).isEqualTo(1);
                assertThat(e.getMessage()).contains("chunk 1", STATEMENT, "HTTP 410")
                        .doesNotContain("SECRET").doesNotContain("storage.example");
                assertThat(e.getCause()).isInstanceOf(ApiException.class);
            });
        }
        assertThat(client.calls()).filteredOn(c -> c.startsWith("chunk:")).containsExactly("chunk:1", "chunk:1");
    }

    @Test
    void otherDownloadFailuresAreNotRefreshed() throws Exception {
        client.downloads = link -> {
            if (link.chunkIndex() == 2) {
                throw new ApiException(500, null, "Internal Server Error", null, "GET", "{external_link}");
            }
            return bytesFor(link);
        };
        fetcher = startLinked(3, 10, PrefetchOptions.of(1_000, 3));

        assertThat(fetcher.next().chunkIndex()).isZero();
        assertThat(fetcher.next().chunkIndex()).isEqualTo(1);
        assertThatThrownBy(fetcher::next).isInstanceOfSatisfying(ChunkFetchException.class,
                e -> assertThat(e.chunkIndex()).isEqualTo(2));
        assertThat(client.calls()).filteredOn(c -> c.equals("chunk:2")).hasSize(1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // without the fix the reader waits forever: fail, do not hang
    void anErrorOnAFetchThreadReachesTheReader() throws Exception {
        client.downloads = link -> {
            if (link.chunkIndex() == 1) {
                throw new OutOfMemoryError("Java heap space (scripted)");
            }
            return bytesFor(link);
        };
        fetcher = startLinked(3, 10, PrefetchOptions.of(1_000, 2));

        assertThat(fetcher.next().chunkIndex()).isZero();
        assertThatThrownBy(fetcher::next).isInstanceOfSatisfying(ChunkFetchException.class, e -> {
            assertThat(e.chunkIndex()).isEqualTo(1);
            assertThat(e.getCause()).isInstanceOf(OutOfMemoryError.class);
        });
    }

    // ---------------------------------------------------------------- close

    @Test
    void closeInterruptsDownloadsInFlightAndWakesABlockedReader() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicInteger interrupted = new AtomicInteger();
        client.downloads = link -> {
            bothStarted.countDown();
            try {
                Thread.sleep(60_000);
                return bytesFor(link);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw new InterruptedIOException("download interrupted");
            }
        };
        fetcher = startLinked(4, 10, PrefetchOptions.of(1_000, 2));
        assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                fetcher.next();
            } catch (IOException e) {
                readerFailure.set(e);
            }
        });
        reader.start();

        fetcher.close();

        reader.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(readerFailure.get()).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(fetcher.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(interrupted.get()).isEqualTo(2);
        assertThat(fetcher.bufferedBytes()).isZero();
        assertThatThrownBy(fetcher::next).hasMessageContaining("closed");
        fetcher.close();
    }

    // ---------------------------------------------------------------- recycled heap arrays

    @Test
    void recycledChunkArraysAreDownloadTargetsAgainAndOnlyOnceTheReaderHasLeftThem() throws Exception {
        int size = 1_100_000;
        CountDownLatch go = new CountDownLatch(1);
        client.downloads = link -> {
            if (link.chunkIndex() == 2) {
                try {
                    assertThat(go.await(10, TimeUnit.SECONDS)).as("chunk 2 let go").isTrue();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            }
            return bytesFor(link);
        };
        fetcher = startLinked(4, size, PrefetchOptions.of(64L << 20, 1));

        ChunkPayload first = fetcher.next();
        ChunkPayload second = fetcher.next();
        await(() -> client.calls().stream().anyMatch(c -> c.startsWith("download:") && c.contains("/r/2/")),
                "chunk 2 downloading into an array of its own");
        assertThat(second.bytes()).isNotSameAs(first.bytes());
        assertThat(first.bytes().length).as("a new target is rounded up to a MiB").isEqualTo(2 << 20);
        assertThat(first.length()).isEqualTo(size);

        fetcher.recycle(first);
        assertThat(fetcher.spareArrays()).isEqualTo(1);
        assertThat(fetcher.bufferedBytes()).as("a spare is charged to the budget").isGreaterThanOrEqualTo(2 << 20);
        assertThatThrownBy(() -> fetcher.recycle(first)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recycled twice");
        go.countDown();

        ChunkPayload third = fetcher.next();
        ChunkPayload fourth = fetcher.next();
        assertThat(third.bytes()).as("chunk 2 was scheduled before chunk 0 came back").isNotSameAs(first.bytes());
        assertThat(fourth.bytes()).as("chunk 3 went into chunk 0's array").isSameAs(first.bytes());
        assertThat(fourth.length()).isEqualTo(size);
        assertThat(fourth.bytes()[0]).isEqualTo((byte) 3);
        assertThat(fourth.bytes()[size - 1]).isEqualTo((byte) 3);
        assertThat(fetcher.spareArrays()).isZero();
        // the array of a chunk never recycled (the reader may still see it) is never a target again
        for (ChunkPayload later : List.of(third, fourth)) {
            assertThat(later.bytes()).isNotSameAs(second.bytes());
        }
        assertThat(fetcher.next()).isNull();

        fetcher.recycle(second);
        fetcher.recycle(third);
        assertThat(fetcher.spareArrays()).as("at most one spare per parallel download").isEqualTo(1);
        fetcher.close();
        assertThat(fetcher.spareArrays()).as("closing the result frees its spares").isZero();
        assertThat(fetcher.bufferedBytes()).isZero();
        fetcher.recycle(fourth);
        assertThat(fetcher.spareArrays()).as("nothing is kept after close").isZero();
    }

    // ---------------------------------------------------------------- direct buffers

    /** A pool of {@code buffers} buffers of 1 MiB (the smallest size it allocates) that counts its allocations. */
    private static DirectChunkPool pool(int buffers, AtomicInteger allocations) {
        return new DirectChunkPool(() -> buffers * (1L << 20), size -> {
            allocations.incrementAndGet();
            return ByteBuffer.allocateDirect(size);
        });
    }

    private static void assertFilledWith(ChunkPayload payload, int index, int size) {
        assertThat(payload.chunkIndex()).isEqualTo(index);
        assertThat(payload.length()).isEqualTo(size);
        byte[] expected = new byte[size];
        Arrays.fill(expected, (byte) index);
        assertThat(Arrays.copyOf(payload.bytes(), payload.length())).isEqualTo(expected);
    }

    @Test
    void readAheadWaitsInDirectBuffersThatAreGivenBackAndLentAgain() throws Exception {
        AtomicInteger allocations = new AtomicInteger();
        DirectChunkPool direct = pool(2, allocations);
        fetcher = startLinked(8, 1000, PrefetchOptions.of(1_000, 2).withDirect(direct));

        for (int i = 0; i < 8; i++) {
            assertFilledWith(fetcher.next(), i, 1000);
        }
        assertThat(fetcher.next()).isNull();

        assertThat(client.directDownloads.get()).isEqualTo(8);
        // 8 chunks through 2 buffers, each allocated once
        assertThat(allocations.get()).isEqualTo(2);
        assertThat(direct.allocatedBytes()).isEqualTo(2L << 20);
        assertThat(direct.lentBytes()).isZero();
        assertThat(direct.idleBuffers()).isEqualTo(2);
        assertThat(fetcher.directBuffers()).isZero();
        // the read-ahead was off the heap: the budget only ever held the chunk handed to the reader
        assertThat(fetcher.peakBufferedBytes()).isEqualTo(1000);
    }

    @Test
    void aChunkHandedOutStaysIntactWhileItsBufferHoldsTheNextChunks() throws Exception {
        // isLast() reads the next batch while the current row is still read: the chunk before must not change
        AtomicInteger allocations = new AtomicInteger();
        DirectChunkPool direct = pool(1, allocations);
        fetcher = startLinked(4, 1000, PrefetchOptions.of(1_000, 2).withDirect(direct));

        ChunkPayload zero = fetcher.next();
        ChunkPayload one = fetcher.next();
        ChunkPayload two = fetcher.next();
        ChunkPayload three = fetcher.next();

        assertThat(allocations.get()).isEqualTo(1);
        assertThat(client.directDownloads.get()).isEqualTo(4);
        assertFilledWith(zero, 0, 1000);
        assertFilledWith(one, 1, 1000);
        assertFilledWith(two, 2, 1000);
        assertFilledWith(three, 3, 1000);
        assertThat(fetcher.next()).isNull();
        assertThat(direct.lentBytes()).isZero();
    }

    @Test
    void whenDirectMemoryIsShortChunksStayOnTheHeap() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DirectChunkPool refusing = new DirectChunkPool(() -> 64L << 20, size -> {
            attempts.incrementAndGet();
            throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory (scripted)");
        });
        fetcher = startLinked(4, 1000, PrefetchOptions.of(1_000, 2).withDirect(refusing));

        for (int i = 0; i < 4; i++) {
            assertFilledWith(fetcher.next(), i, 1000);
        }
        assertThat(fetcher.next()).isNull();
        assertThat(client.directDownloads.get()).isZero();
        // refused once, then never asked again
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(refusing.allocatedBytes()).isZero();

        // a pool smaller than a chunk lends nothing either
        fetcher.close();
        DirectChunkPool tiny = new DirectChunkPool(() -> 512 << 10, ByteBuffer::allocateDirect);
        fetcher = startLinked(2, 600_000, PrefetchOptions.of(1_000, 2).withDirect(tiny));
        assertFilledWith(fetcher.next(), 0, 600_000);
        assertFilledWith(fetcher.next(), 1, 600_000);
        assertThat(fetcher.next()).isNull();
        assertThat(client.directDownloads.get()).isZero();
        assertThat(tiny.allocatedBytes()).isZero();
    }

    @Test
    void aDownloadFailingMidwayGivesItsBufferBack() throws Exception {
        client.downloads = link -> {
            if (link.chunkIndex() == 1) {
                throw new ConnectionLostException("GET {external_link}: the body ended after 16 of 1000 bytes", null);
            }
            return bytesFor(link);
        };
        DirectChunkPool direct = pool(2, new AtomicInteger());
        fetcher = startLinked(3, 1000, PrefetchOptions.of(1_000, 1).withDirect(direct));

        assertFilledWith(fetcher.next(), 0, 1000);
        assertThatThrownBy(fetcher::next).isInstanceOfSatisfying(ChunkFetchException.class,
                e -> assertThat(e.chunkIndex()).isEqualTo(1));
        // one download at a time, and none after the failure: nothing is lent any more
        assertThat(fetcher.directBuffers()).isZero();
        assertThat(direct.lentBytes()).isZero();
        assertThat(direct.idleBuffers()).isEqualTo((int) (direct.allocatedBytes() >> 20));
    }

    @Test
    void closeGivesBackTheBuffersOfWaitingChunksAndOfDownloadsInFlight() throws Exception {
        CountDownLatch twoBlocked = new CountDownLatch(2);
        client.downloads = link -> {
            if (link.chunkIndex() < 2) {
                return bytesFor(link);
            }
            twoBlocked.countDown();
            try {
                Thread.sleep(60_000);
                return bytesFor(link);
            } catch (InterruptedException e) {
                throw new InterruptedIOException("download interrupted");
            }
        };
        DirectChunkPool direct = pool(3, new AtomicInteger());
        fetcher = startLinked(6, 1000, PrefetchOptions.of(1_000, 3).withDirect(direct));

        assertFilledWith(fetcher.next(), 0, 1000);
        assertThat(twoBlocked.await(10, TimeUnit.SECONDS)).isTrue();
        // chunk 1 waits in its buffer, chunks 2 and 3 are being read into theirs
        await(() -> fetcher.directBuffers() == 3, "three buffers held");
        assertThat(direct.lentBytes()).isEqualTo(3L << 20);

        fetcher.close();
        assertThat(fetcher.awaitTermination(Duration.ofSeconds(10))).isTrue();

        assertThat(fetcher.directBuffers()).isZero();
        assertThat(direct.lentBytes()).isZero();
        assertThat(direct.idleBuffers()).isEqualTo(3);
    }
}
