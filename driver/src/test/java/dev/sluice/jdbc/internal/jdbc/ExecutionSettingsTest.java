package dev.sluice.jdbc.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExecutionSettingsTest {
    private static final long MIB = 1L << 20;

    @Test
    void defaultBudgetDoesNotGrowWithTheHeap() {
        // two download streams: one chunk in flight each plus two ready, whatever the heap
        assertEquals(64 * MIB, ExecutionSettings.autoBufferBytes(2, 512 * MIB));
        assertEquals(64 * MIB, ExecutionSettings.autoBufferBytes(2, 4096 * MIB));
        assertEquals(64 * MIB, ExecutionSettings.autoBufferBytes(2, 64L * 1024 * MIB));
    }

    @Test
    void defaultBudgetFollowsTheDownloadStreams() {
        assertEquals(18 * 16 * MIB, ExecutionSettings.autoBufferBytes(16, 4096 * MIB));
    }

    @Test
    void smallHeapsKeepAQuarterOfTheHeapAtMostButSixteenMibAtLeast() {
        assertEquals(32 * MIB, ExecutionSettings.autoBufferBytes(2, 128 * MIB));
        assertEquals(16 * MIB, ExecutionSettings.autoBufferBytes(2, 64 * MIB));
        assertEquals(16 * MIB, ExecutionSettings.autoBufferBytes(4, 32 * MIB));
    }
}
