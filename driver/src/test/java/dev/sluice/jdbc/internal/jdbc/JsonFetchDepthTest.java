package dev.sluice.jdbc.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many inline JSON chunks are fetched at once, from the manifest's chunk count. */
class JsonFetchDepthTest {
    @Test
    void aShortResultFetchesAsManyChunksAsThereAreDownloadStreams() {
        assertEquals(2, ResultStreams.jsonFetches(8, 2));
        assertEquals(2, ResultStreams.jsonFetches(ResultStreams.JSON_SHORT_RESULT_CHUNKS, 2));
        assertEquals(3, ResultStreams.jsonFetches(1, 3));
    }

    @Test
    void aLongResultFetchesTwiceAsMany() {
        assertEquals(4, ResultStreams.jsonFetches(ResultStreams.JSON_SHORT_RESULT_CHUNKS + 1, 2));
        assertEquals(4, ResultStreams.jsonFetches(80, 2));
    }

    @Test
    void anUnknownChunkCountIsTakenAsLong() {
        assertEquals(4, ResultStreams.jsonFetches(-1, 2));
    }
}
