package dev.sluice.testing.sea;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4FrameOutputStream;

/** Whole-payload LZ4 frame compression, the codec Databricks applies to Arrow results (protocol.md §1.9). */
final class Lz4Frames {

    private Lz4Frames() {
    }

    /** One LZ4 frame holding the payload. */
    static byte[] compress(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 2 + 64);
        try (LZ4FrameOutputStream frame = new LZ4FrameOutputStream(out)) {
            frame.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("LZ4 framing in memory failed", e);
        }
        return out.toByteArray();
    }
}
