package dev.sluice.jdbc.internal.arrow;

import static dev.sluice.testing.arrow.ArrowChunks.BIGINT;
import static dev.sluice.testing.arrow.ArrowChunks.UTF8;
import static dev.sluice.testing.arrow.ArrowChunks.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.RowBatch;
import dev.sluice.testing.arrow.ArrowChunks;
import dev.sluice.testing.arrow.HeapWriteChannel;
import dev.sluice.testing.arrow.SyntheticChunks;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ArrowChunkReaderTest {
    private static final Field[] TWO = {field("id", BIGINT), field("name", UTF8)};

    @Test
    void readsEveryBatchOfAMultiBatchChunk() throws Exception {
        byte[] chunk = SyntheticChunks.chunk(1_000, 2_500, 1_000);
        List<RowBatch> batches = Batches.all(chunk, null, Batches.OBJECTS);
        assertThat(batches).extracting(RowBatch::rowCount).containsExactly(1_000, 1_000, 500);
        long row = 1_000;
        for (RowBatch b : batches) {
            for (int i = 0; i < b.rowCount(); i++, row++) {
                assertThat(b.column(0).getLong(i)).isEqualTo(SyntheticChunks.id(row));
                assertThat(b.column(1).getString(i)).isEqualTo(SyntheticChunks.name(row));
                assertThat(b.column(2).getDouble(i)).isEqualTo(SyntheticChunks.value(row));
            }
        }
        assertThat(row).isEqualTo(3_500);
    }

    @Test
    void acceptsLegacyFramingAndStreamsWithoutEndMarker() throws Exception {
        byte[] legacy = ArrowChunks.builder(TWO).row(1L, "a").endBatch().row(2L, "b").legacyFraming().toBytes();
        assertThat(Batches.all(legacy, null, Batches.OBJECTS)).hasSize(2);
        byte[] open = ArrowChunks.builder(TWO).row(1L, "a").withoutEndOfStream().toBytes();
        assertThat(Batches.only(open).column(1).getString(0)).isEqualTo("a");
    }

    @Test
    void skipsEmptyBatchesAndEndsEmptyChunks() throws Exception {
        byte[] chunk = ArrowChunks.builder(TWO).endBatch().row(7L, "x").endBatch().endBatch().toBytes();
        assertThat(Batches.all(chunk, null, Batches.OBJECTS)).extracting(RowBatch::rowCount).containsExactly(1);
        assertThat(Batches.all(new byte[0], null, Batches.OBJECTS)).isEmpty();
        byte[] schemaOnly = ArrowChunks.builder(TWO).endBatch().toBytes();
        ArrowChunkReader reader = new ArrowChunkReader(schemaOnly, 0, schemaOnly.length, null, Batches.OBJECTS);
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void readsAStreamInsideALargerArray() throws Exception {
        byte[] chunk = ArrowChunks.builder(TWO).row(5L, "five").toBytes();
        byte[] padded = Lz4FramesTest.concat(new byte[13], chunk, new byte[5]);
        ArrowChunkReader reader = new ArrowChunkReader(padded, 13, chunk.length, null, Batches.OBJECTS);
        assertThat(reader.next().column(1).getString(0)).isEqualTo("five");
    }

    @Test
    void describesColumnsFromTheArrowSchemaWithoutAManifest() throws Exception {
        byte[] chunk = ArrowChunks.builder(field("n", ArrowChunks.decimal(12, 3)), field("t", ArrowChunks.TIMESTAMP_NTZ),
                field("d", ArrowChunks.DURATION_MICROS)).toBytes();
        ArrowChunkReader reader = new ArrowChunkReader(chunk, 0, chunk.length, null, Batches.OBJECTS);
        assertThat(reader.columns()).containsExactly(
                new ColumnInfo("n", 0, "DECIMAL", "DECIMAL(12,3)", 12, 3, null),
                new ColumnInfo("t", 1, "TIMESTAMP_NTZ", "TIMESTAMP_NTZ", -1, -1, null),
                new ColumnInfo("d", 2, "INTERVAL", "INTERVAL DAY TO SECOND", -1, -1, "DAY TO SECOND"));
    }

    @Test
    void aManifestWithAnotherColumnCountIsCorrupt() {
        byte[] chunk = ArrowChunks.builder(TWO).row(1L, "a").toBytes();
        List<ColumnInfo> one = List.of(Batches.column("id", 0, "LONG", "BIGINT"));
        assertThatThrownBy(() -> Batches.all(chunk, one, Batches.OBJECTS))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("2 columns but the manifest 1");
    }

    @Test
    void decodesDictionaryEncodedColumns() throws Exception {
        Field color = ArrowChunks.dictionaryEncoded("color", UTF8, 7);
        byte[] chunk = ArrowChunks.builder(field("id", BIGINT), color)
                .dictionary(7, List.of("red", "green", "blue"))
                .row(1L, 2).row(2L, null).row(3L, 0).row(4L, 2)
                .toBytes();
        RowBatch b = Batches.only(chunk);
        assertThat(b.column(1).getString(0)).isEqualTo("blue");
        assertThat(b.column(1).isNull(1)).isTrue();
        assertThat(b.column(1).getObject(2)).isEqualTo("red");
        assertThat(b.column(1).getString(3)).isEqualTo("blue");
    }

    @Test
    void dictionaryIndicesOutsideTheDictionaryAreCorrupt() {
        Field color = ArrowChunks.dictionaryEncoded("color", UTF8, 1);
        byte[] chunk = ArrowChunks.builder(color).dictionary(1, List.of("only")).row(3).toBytes();
        assertThatThrownBy(() -> Batches.only(chunk))
                .isInstanceOf(SQLDataException.class)
                .hasMessageContaining("dictionary index 3 outside a dictionary of 1");
    }

    @Test
    void decodesLz4FrameBufferCompression() throws Exception {
        byte[] chunk = ArrowChunks.builder(TWO)
                .row(1L, "x".repeat(3000)).row(null, "short").row(3L, null)
                .compressBuffers().toBytes();
        RowBatch b = Batches.only(chunk);
        assertThat(b.column(0).getLong(0)).isEqualTo(1L);
        assertThat(b.column(0).isNull(1)).isTrue();
        assertThat(b.column(1).getString(0)).hasSize(3000);
        assertThat(b.column(1).getString(1)).isEqualTo("short");
        assertThat(b.column(1).isNull(2)).isTrue();
    }

    @Test
    void zstdBufferCompressionIsNotSupported() throws Exception {
        byte[] chunk = writeWith(new FakeZstd());
        assertThatThrownBy(() -> Batches.all(chunk, null, Batches.OBJECTS))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("ZSTD");
    }

    @Test
    void unionsAreNotSupported() throws Exception {
        Field union = new Field("u", org.apache.arrow.vector.types.pojo.FieldType.nullable(
                new ArrowType.Union(UnionMode.Sparse, new int[] {0})), List.of(field("i", BIGINT)));
        byte[] chunk = ArrowChunks.builder(union).endBatch().toBytes();
        assertThatThrownBy(() -> Batches.all(chunk, null, Batches.OBJECTS))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("Union");
    }

    @Test
    void everyTruncationIsADataExceptionOrACleanEnd() {
        byte[] chunk = ArrowChunks.builder(TWO).row(1L, "one").endBatch().row(2L, "two").row(3L, "three").toBytes();
        for (int cut = 0; cut < chunk.length; cut++) {
            byte[] truncated = Arrays.copyOf(chunk, cut);
            try {
                List<RowBatch> batches = Batches.all(truncated, null, Batches.OBJECTS);
                // a cut at a message boundary is a stream that ends early: only whole batches come back
                assertThat(batches.size()).isLessThanOrEqualTo(2);
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as("cut at %d: %s", cut, e).isEqualTo("22000");
            }
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnUncheckedException() {
        byte[] chunk = ArrowChunks.builder(field("id", BIGINT), field("name", UTF8),
                        ArrowChunks.list("l", field("element", ArrowChunks.INT)))
                .row(1L, "one", List.of(1, 2)).row(null, "two", null).row(3L, null, List.of()).toBytes();
        Random random = new Random(7);
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] bad = chunk.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                for (RowBatch b : Batches.all(bad, null, Batches.OBJECTS)) {
                    readEverything(b);
                }
            } catch (SQLException e) {
                states.add(e.getSQLState());
            }
        }
        assertThat(states).isNotEmpty().allMatch(s -> s.equals("22000") || s.equals("0A000") || s.equals("22008"));
    }

    /** Reads every value the way a result set would; corrupt data must fail with SQLException only. */
    private static void readEverything(RowBatch b) throws SQLException {
        for (int c = 0; c < b.columnCount(); c++) {
            for (int r = 0; r < b.rowCount(); r++) {
                if (!b.column(c).isNull(r)) {
                    b.column(c).getString(r);
                    b.column(c).getObject(r);
                }
            }
        }
    }

    @Test
    void anEmptyBufferRangeOrNegativeRangeIsRejectedEarly() {
        assertThatThrownBy(() -> new ArrowChunkReader(new byte[4], 2, 3, null, ResultOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Writes one batch of (id BIGINT) compressed with {@code codec}. */
    private static byte[] writeWith(AbstractCompressionCodec codec) throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(field("id", BIGINT))), allocator)) {
            root.allocateNew();
            ((org.apache.arrow.vector.BigIntVector) root.getVector(0)).setSafe(0, 42L);
            root.setRowCount(1);
            HeapWriteChannel out = new HeapWriteChannel();
            MessageSerializer.serialize(out, root.getSchema(), IpcOption.DEFAULT);
            try (ArrowRecordBatch batch = new VectorUnloader(root, true, codec, true).getRecordBatch()) {
                MessageSerializer.serialize(out, batch, IpcOption.DEFAULT);
            }
            ArrowStreamWriter.writeEndOfStream(out, IpcOption.DEFAULT);
            return out.toByteArray();
        }
    }

    /** Claims ZSTD but stores buffers raw: enough to see the reader refuse the codec. */
    private static final class FakeZstd extends AbstractCompressionCodec {
        @Override
        protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
            return CompressionUtil.packageRawBuffer(allocator, uncompressed);
        }

        @Override
        protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
            throw new UnsupportedOperationException("never read by arrow-java here");
        }

        @Override
        public CompressionUtil.CodecType getCodecType() {
            return CompressionUtil.CodecType.ZSTD;
        }
    }
}
