package dev.sluice.jdbc.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.arrow.ArrowChunks;
import dev.sluice.testing.arrow.SyntheticChunks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG.Bits;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

class Lz4FramesTest {
    private static final byte[] DATA = SyntheticChunks.chunk(0, 50_000, 7_000);

    @Test
    void decodesAFrameOfIndependentBlocksLikeLz4Java() throws Exception {
        byte[] frame = ArrowChunks.lz4Frame(DATA, BLOCKSIZE.SIZE_64KB, Bits.BLOCK_INDEPENDENCE);
        assertThat(Lz4Frames.decompress(frame, 0, frame.length)).isEqualTo(DATA).isEqualTo(lz4JavaStream(frame));
    }

    @Test
    void verifiesChecksumsAndContentSize() throws Exception {
        byte[] frame = ArrowChunks.lz4Frame(DATA, BLOCKSIZE.SIZE_256KB, Bits.BLOCK_INDEPENDENCE, Bits.BLOCK_CHECKSUM,
                Bits.CONTENT_CHECKSUM, Bits.CONTENT_SIZE);
        Lz4Frames.Decompressed d = Lz4Frames.decompressToBuffer(frame, 0, frame.length);
        assertThat(d.length()).isEqualTo(DATA.length);
        // the header states the content size, so the buffer is exact and no copy is needed
        assertThat(d.buffer()).hasSize(DATA.length).isEqualTo(DATA);
    }

    @Test
    void decodesConcatenatedAndSkippableFrames() throws Exception {
        byte[] a = "first frame ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] b = "second frame, different text ".repeat(700).getBytes(StandardCharsets.UTF_8);
        byte[] skippable = {0x5A, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 9, 9, 9};
        byte[] stream = concat(ArrowChunks.lz4Frame(a), skippable, ArrowChunks.lz4Frame(b, BLOCKSIZE.SIZE_64KB,
                Bits.BLOCK_INDEPENDENCE, Bits.CONTENT_CHECKSUM));
        assertThat(Lz4Frames.decompress(stream, 0, stream.length)).isEqualTo(concat(a, b));
    }

    @Test
    void decodesWithinALargerArray() throws Exception {
        byte[] frame = ArrowChunks.lz4Frame(DATA);
        byte[] padded = concat(new byte[] {1, 2, 3}, frame, new byte[] {4, 5});
        assertThat(Lz4Frames.decompress(padded, 3, frame.length)).isEqualTo(DATA);
    }

    @Test
    void emptyInputAndEmptyFrameGiveNoBytes() throws Exception {
        assertThat(Lz4Frames.decompress(new byte[0], 0, 0)).isEmpty();
        byte[] empty = ArrowChunks.lz4Frame(new byte[0]);
        assertThat(Lz4Frames.decompress(empty, 0, empty.length)).isEmpty();
    }

    @Test
    void decodesLinkedBlocksThatCopyFromEarlierBlocks() throws Exception {
        byte[] first = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        // block 2: a match of 8 bytes at offset 16 (back into block 1), then 5 literal bytes "tail!"
        byte[] second = {0x04, 16, 0, 0x50, 't', 'a', 'i', 'l', '!'};
        byte[] frame = frame(0x40 | 0x04, concat(storedBlock(first), block(second)), checksumOf("0123456789abcdef01234567tail!"));
        assertThat(new String(Lz4Frames.decompress(frame, 0, frame.length), StandardCharsets.US_ASCII))
                .isEqualTo("0123456789abcdef01234567tail!");
    }

    @Test
    void linkedBlocksMayRepeatAnOverlappingPattern() throws Exception {
        // "ab" then a match of 10 bytes at offset 2 repeats the pattern, then 5 literals
        byte[] only = {0x26, 'a', 'b', 2, 0, 0x50, 'x', 'x', 'x', 'x', 'x'};
        byte[] frame = frame(0x40, block(only), null);
        assertThat(new String(Lz4Frames.decompress(frame, 0, frame.length), StandardCharsets.US_ASCII))
                .isEqualTo("ababababababxxxxx");
    }

    @Test
    void linkedBlockDecoderAgreesWithLz4JavaOnRealData() throws Exception {
        for (BLOCKSIZE size : new BLOCKSIZE[] {BLOCKSIZE.SIZE_64KB, BLOCKSIZE.SIZE_4MB}) {
            byte[] frame = ArrowChunks.lz4Frame(DATA, size, Bits.BLOCK_INDEPENDENCE, Bits.CONTENT_CHECKSUM);
            // Independent blocks are valid linked blocks: clearing the flag routes them through Lz4Block.
            frame[4] &= ~0x20;
            frame[6] = (byte) ((XXHashFactory.safeInstance().hash32().hash(frame, 4, 2, 0) >>> 8) & 0xFF);
            assertThat(Lz4Frames.decompress(frame, 0, frame.length)).isEqualTo(DATA);
        }
    }

    @Test
    void overlappingMatchesRepeatTheirPatternAtEveryShortOffset() throws Exception {
        int[] lengths = {4, 5, 7, 8, 9, 12, 15, 16, 17, 19, 31, 32, 33, 40, 100};
        for (int offset = 1; offset <= 16; offset++) {
            for (int length : lengths) {
                for (int tail : new int[] {0, 1, 5, 20}) {
                    byte[] expected = new byte[offset + length + tail];
                    for (int i = 0; i < offset; i++) {
                        expected[i] = (byte) ('a' + i);
                    }
                    for (int i = offset; i < offset + length; i++) {
                        expected[i] = expected[i - offset];
                    }
                    for (int i = 0; i < tail; i++) {
                        expected[offset + length + i] = (byte) ('A' + i);
                    }
                    byte[] block = concat(sequence(Arrays.copyOf(expected, offset), offset, length),
                            literalsOnly(Arrays.copyOfRange(expected, offset + length, expected.length)));
                    String what = "offset " + offset + ", length " + length + ", " + tail + " literals after";
                    // no content size: the output has room past every sequence, so the word copies run
                    byte[] roomy = frame(0x40, block(block), null);
                    assertThat(Lz4Frames.decompress(roomy, 0, roomy.length)).as(what).isEqualTo(expected);
                    // a content size makes the output exact, so the copies near its end take the careful path
                    byte[] exact = frameWithContentSize(block(block), expected.length);
                    Lz4Frames.Decompressed d = Lz4Frames.decompressToBuffer(exact, 0, exact.length);
                    assertThat(d.buffer()).as(what).hasSize(expected.length).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void literalsMayEndExactlyAtTheBlockEnd() throws Exception {
        for (int n = 0; n <= 40; n++) {
            byte[] literals = new byte[n];
            for (int i = 0; i < n; i++) {
                literals[i] = (byte) (i * 7 + 1);
            }
            byte[] roomy = frame(0x40, block(literalsOnly(literals)), null);
            assertThat(Lz4Frames.decompress(roomy, 0, roomy.length)).isEqualTo(literals);
            byte[] exact = frameWithContentSize(block(literalsOnly(literals)), n);
            assertThat(Lz4Frames.decompressToBuffer(exact, 0, exact.length).buffer()).isEqualTo(literals);
        }
    }

    @Test
    void agreesWithLz4JavaOnRandomAndRepetitiveData() throws Exception {
        Random random = new Random(12);
        LZ4Compressor fast = LZ4Factory.fastestInstance().fastCompressor();
        LZ4Compressor high = LZ4Factory.fastestInstance().highCompressor(12);
        for (int round = 0; round < 300; round++) {
            byte[] data = new byte[random.nextInt(60_000)];
            int kind = round % 3;
            if (kind == 0) {
                random.nextBytes(data);
            } else {
                // runs of short patterns (periods 1-16) mixed with random stretches, as column data has
                int i = 0;
                while (i < data.length) {
                    int period = 1 + random.nextInt(16);
                    int run = Math.min(data.length - i, random.nextInt(200));
                    for (int k = 0; k < run; k++) {
                        data[i + k] = k < period ? (byte) random.nextInt(kind == 1 ? 4 : 256) : data[i + k - period];
                    }
                    i += run;
                    int noise = Math.min(data.length - i, random.nextInt(kind == 1 ? 4 : 40));
                    for (int k = 0; k < noise; k++) {
                        data[i + k] = (byte) random.nextInt();
                    }
                    i += noise;
                }
            }
            for (LZ4Compressor compressor : new LZ4Compressor[] {fast, high}) {
                byte[] compressed = compressor.compress(data);
                String what = "round " + round + ", " + data.length + " bytes";
                byte[] roomy = frame(0x40, block(compressed), null);
                assertThat(Lz4Frames.decompress(roomy, 0, roomy.length)).as(what).isEqualTo(data);
                byte[] exact = frameWithContentSize(block(compressed), data.length);
                assertThat(Lz4Frames.decompressToBuffer(exact, 0, exact.length).buffer()).as(what).isEqualTo(data);
            }
        }
    }

    @Test
    void matchesBeforeTheFrameAreCorrupt() {
        byte[] bad = {0x04, 16, 0, 0x50, 't', 'a', 'i', 'l', '!'};
        byte[] frame = frame(0x40, block(bad), null);
        assertCorrupt(frame, "reaches before the frame");
    }

    @Test
    void decodesLegacyFrames() throws Exception {
        byte[] data = "legacy ".repeat(500).getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = net.jpountz.lz4.LZ4Factory.safeInstance().fastCompressor().compress(data);
        byte[] legacy = concat(new byte[] {0x02, 0x21, 0x4C, 0x18}, le32(compressed.length), compressed);
        assertThat(Lz4Frames.decompress(legacy, 0, legacy.length)).isEqualTo(data);
    }

    @Test
    void rejectsCorruptInputWithDataExceptions() {
        byte[] frame = ArrowChunks.lz4Frame(DATA, BLOCKSIZE.SIZE_64KB, Bits.BLOCK_INDEPENDENCE, Bits.BLOCK_CHECKSUM,
                Bits.CONTENT_CHECKSUM);
        assertCorrupt(new byte[] {1, 2, 3, 4, 5}, "unknown magic number");
        assertCorrupt(Arrays.copyOf(frame, 6), "frame header is truncated");
        assertCorrupt(Arrays.copyOf(frame, frame.length - 9), "truncated");

        byte[] header = frame.clone();
        header[6] ^= 0x55;
        assertCorrupt(header, "header checksum mismatch");

        byte[] block = frame.clone();
        block[20] ^= 0x01;
        assertCorrupt(block, "block checksum mismatch");

        byte[] content = frame.clone();
        content[content.length - 1] ^= 0x01;
        assertCorrupt(content, "content checksum mismatch");

        byte[] version = frame.clone();
        version[4] = (byte) (version[4] & 0x3F);
        assertCorrupt(version, "unsupported frame version");
    }

    @Test
    void detectsAContentSizeThatDisagreesWithTheBlocks() throws Exception {
        byte[] data = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = ArrowChunks.lz4Frame(data, BLOCKSIZE.SIZE_64KB, Bits.BLOCK_INDEPENDENCE, Bits.CONTENT_SIZE);
        frame[6] = (byte) (frame[6] + 1);
        frame[14] = (byte) ((XXHashFactory.safeInstance().hash32().hash(frame, 4, 10, 0) >>> 8) & 0xFF);
        assertCorrupt(frame, "header says");
    }

    @Test
    void garbageInsideABlockIsADataException() {
        byte[] garbage = {(byte) 0xF0, 1, 2, 3};
        assertCorrupt(frame(0x60, block(garbage), null), "block does not decode");
    }

    @Test
    void dictionaryFramesAreNotSupported() {
        byte[] withDict = frame(0x61, new byte[0], null);
        assertThatThrownBy(() -> Lz4Frames.decompress(withDict, 0, withDict.length))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("dictionary");
    }

    @Test
    void randomCorruptionNeverEscapesAsAnUncheckedException() {
        byte[] frame = ArrowChunks.lz4Frame(Arrays.copyOf(DATA, 200_000), BLOCKSIZE.SIZE_64KB,
                Bits.BLOCK_INDEPENDENCE);
        Random random = new Random(42);
        int failures = 0;
        for (int i = 0; i < 300; i++) {
            byte[] bad = frame.clone();
            for (int k = 0; k < 3; k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            int cut = random.nextInt(bad.length + 1);
            try {
                Lz4Frames.decompress(bad, 0, i % 2 == 0 ? cut : bad.length);
            } catch (SQLException e) {
                assertThat(e instanceof SQLDataException).as(e.toString()).isTrue();
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(100);
    }

    private static void assertCorrupt(byte[] input, String message) {
        assertThatThrownBy(() -> Lz4Frames.decompress(input, 0, input.length))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("corrupt LZ4 frame")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22000"));
    }

    /** A frame with the given FLG byte (BD = 64 KiB), blocks, end mark and optional content checksum. */
    private static byte[] frame(int flg, byte[] blocks, byte[] contentChecksum) {
        int flags = contentChecksum == null ? flg : flg | 0x04;
        byte[] descriptor = {(byte) flags, 0x40};
        int hc = (XXHashFactory.safeInstance().hash32().hash(descriptor, 0, 2, 0) >>> 8) & 0xFF;
        byte[] head = {0x04, 0x22, 0x4D, 0x18, (byte) flags, 0x40, (byte) hc};
        return concat(head, blocks, new byte[4], contentChecksum == null ? new byte[0] : contentChecksum);
    }

    /** A frame (FLG 0x48: independent blocks off, content size on; BD = 64 KiB) stating its content size. */
    private static byte[] frameWithContentSize(byte[] blocks, long size) {
        byte[] descriptor = concat(new byte[] {0x48, 0x40}, le32((int) size), le32((int) (size >>> 32)));
        int hc = (XXHashFactory.safeInstance().hash32().hash(descriptor, 0, descriptor.length, 0) >>> 8) & 0xFF;
        return concat(new byte[] {0x04, 0x22, 0x4D, 0x18}, descriptor, new byte[] {(byte) hc}, blocks, new byte[4]);
    }

    /** One LZ4 sequence: the literals, then a match of {@code length} bytes from {@code offset} back. */
    private static byte[] sequence(byte[] literals, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int m = length - 4;
        out.write(Math.min(literals.length, 15) << 4 | Math.min(m, 15));
        lengthBytes(out, literals.length);
        out.writeBytes(literals);
        out.write(offset);
        out.write(offset >>> 8);
        lengthBytes(out, m);
        return out.toByteArray();
    }

    /** The last sequence of a block: literals only. */
    private static byte[] literalsOnly(byte[] literals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Math.min(literals.length, 15) << 4);
        lengthBytes(out, literals.length);
        out.writeBytes(literals);
        return out.toByteArray();
    }

    private static void lengthBytes(ByteArrayOutputStream out, int length) {
        if (length >= 15) {
            int rest = length - 15;
            while (rest >= 255) {
                out.write(255);
                rest -= 255;
            }
            out.write(rest);
        }
    }

    private static byte[] checksumOf(String content) {
        byte[] b = content.getBytes(StandardCharsets.US_ASCII);
        return le32(XXHashFactory.safeInstance().hash32().hash(b, 0, b.length, 0));
    }

    private static byte[] block(byte[] compressed) {
        return concat(le32(compressed.length), compressed);
    }

    private static byte[] storedBlock(byte[] raw) {
        return concat(le32(raw.length | 0x80000000), raw);
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] lz4JavaStream(byte[] frame) throws IOException {
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(frame),
                net.jpountz.lz4.LZ4Factory.safeInstance().safeDecompressor(), XXHashFactory.safeInstance().hash32())) {
            return in.readAllBytes();
        }
    }
}
