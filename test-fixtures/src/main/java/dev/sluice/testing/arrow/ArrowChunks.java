package dev.sluice.testing.arrow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.MetadataVersion;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Builds Arrow IPC stream bytes, as a Databricks result chunk holds them, from column definitions and
 * rows; optionally LZ4-framed as Databricks sends them. Runs without JVM flags (buffers are copied
 * through heap arrays, see {@link HeapWriteChannel}).
 *
 * <pre>{@code
 * byte[] chunk = ArrowChunks.builder(ArrowChunks.field("id", ArrowChunks.BIGINT),
 *                                    ArrowChunks.field("name", ArrowChunks.UTF8))
 *     .row(1L, "a").row(2L, null)
 *     .endBatch()                 // start a second record batch
 *     .row(3L, "c")
 *     .toBytes();                 // or toLz4Bytes()
 * }</pre>
 *
 * Values are written by the rules of {@code VectorValues}: Numbers, String, byte[], BigDecimal, java.time
 * values (Instant for zoned timestamps, LocalDateTime for zone-less ones), List for lists, Map for maps
 * and (by field name) structs. For large synthetic data use {@link SyntheticChunks}.
 */
public final class ArrowChunks {
    public static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
    public static final ArrowType TINYINT = new ArrowType.Int(8, true);
    public static final ArrowType SMALLINT = new ArrowType.Int(16, true);
    public static final ArrowType INT = new ArrowType.Int(32, true);
    public static final ArrowType BIGINT = new ArrowType.Int(64, true);
    public static final ArrowType FLOAT = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    public static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    public static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    public static final ArrowType BINARY = ArrowType.Binary.INSTANCE;
    public static final ArrowType DATE = new ArrowType.Date(DateUnit.DAY);
    public static final ArrowType NULL = ArrowType.Null.INSTANCE;
    /** Spark's TIMESTAMP_NTZ: microseconds, no zone. */
    public static final ArrowType TIMESTAMP_NTZ = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
    /** Spark's day-time INTERVAL. */
    public static final ArrowType DURATION_MICROS = new ArrowType.Duration(TimeUnit.MICROSECOND);
    /** Spark's year-month INTERVAL. */
    public static final ArrowType INTERVAL_YEAR_MONTH =
            new ArrowType.Interval(org.apache.arrow.vector.types.IntervalUnit.YEAR_MONTH);

    private ArrowChunks() {
    }

    /** Spark's TIMESTAMP: microseconds in {@code zone} (e.g. {@code Etc/UTC}). */
    public static ArrowType timestamp(String zone) {
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, zone);
    }

    public static ArrowType decimal(int precision, int scale) {
        return new ArrowType.Decimal(precision, scale, 128);
    }

    /** A nullable field; children for nested types. */
    public static Field field(String name, ArrowType type, Field... children) {
        return new Field(name, FieldType.nullable(type), Arrays.asList(children));
    }

    /** A non-nullable field. */
    public static Field notNull(String name, ArrowType type, Field... children) {
        return new Field(name, FieldType.notNullable(type), Arrays.asList(children));
    }

    /** {@code field} with custom metadata (e.g. {@code Spark:DataType:SqlName}). */
    public static Field withMetadata(Field field, Map<String, String> metadata) {
        FieldType t = field.getFieldType();
        return new Field(field.getName(), new FieldType(t.isNullable(), t.getType(), t.getDictionary(), metadata),
                field.getChildren());
    }

    /** ARRAY as Spark sends it: a List with one child named {@code element}. */
    public static Field list(String name, Field element) {
        return field(name, ArrowType.List.INSTANCE, element);
    }

    /** MAP as Spark sends it: Map of non-null {@code entries} structs of {@code key} and {@code value}. */
    public static Field map(String name, ArrowType key, Field value) {
        Field entries = notNull("entries", ArrowType.Struct.INSTANCE, notNull("key", key), value);
        return field(name, new ArrowType.Map(false), entries);
    }

    public static Field struct(String name, Field... fields) {
        return field(name, ArrowType.Struct.INSTANCE, fields);
    }

    /** VARIANT as Spark's Arrow form: Struct{value: Binary, metadata: Binary} marked {@code variant=true}. */
    public static Field variant(String name) {
        return withMetadata(struct(name, notNull("value", BINARY), notNull("metadata", BINARY)),
                Map.of("variant", "true"));
    }

    /**
     * A dictionary-encoded column: {@code valueType} values, int32 indices, dictionary {@code id}. Rows
     * hold indices (Integer); give the values with {@link Builder#dictionary(long, List)}.
     */
    public static Field dictionaryEncoded(String name, ArrowType valueType, long id) {
        DictionaryEncoding encoding = new DictionaryEncoding(id, false, new ArrowType.Int(32, true));
        return new Field(name, new FieldType(true, valueType, encoding), List.of());
    }

    public static Builder builder(Field... fields) {
        return new Builder(Arrays.asList(fields));
    }

    public static Builder builder(List<Field> fields) {
        return new Builder(fields);
    }

    /** LZ4 frame of {@code data} as Databricks sends chunks: independent 4 MiB blocks, no checksums. */
    public static byte[] lz4Frame(byte[] data) {
        return lz4Frame(data, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
    }

    /**
     * LZ4 frame of {@code data} with the given block size and flags (BLOCK_INDEPENDENCE, BLOCK_CHECKSUM,
     * CONTENT_CHECKSUM, CONTENT_SIZE), through lz4-java's pure-Java codecs.
     */
    public static byte[] lz4Frame(byte[] data, LZ4FrameOutputStream.BLOCKSIZE blockSize,
                                  LZ4FrameOutputStream.FLG.Bits... bits) {
        boolean knownSize = Arrays.asList(bits).contains(LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out, blockSize, knownSize ? data.length : -1L,
                LZ4Factory.safeInstance().fastCompressor(), XXHashFactory.safeInstance().hash32(), bits)) {
            lz4.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Receives each record batch arrow-java reads; the root is reused between calls. */
    public interface BatchConsumer {
        void accept(VectorSchemaRoot root) throws Exception;
    }

    /**
     * Reads an IPC stream with arrow-java (no JVM flags: {@link HeapReadChannel}), for comparing the
     * driver's reader with the reference. LZ4_FRAME buffer compression is understood.
     */
    public static void readWithArrowJava(byte[] ipc, BatchConsumer consumer) {
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(
                     new MessageChannelReader(new HeapReadChannel(ipc), allocator), allocator,
                     Lz4FrameCodec.FACTORY)) {
            while (reader.loadNextBatch()) {
                consumer.accept(reader.getVectorSchemaRoot());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("arrow-java could not read the stream", e);
        }
    }

    /** Collects rows and record batches, then writes the stream. Not thread-safe. */
    public static final class Builder {
        private final List<Field> fields;
        private final List<List<Object[]>> batches = new ArrayList<>();
        private final Map<Long, List<?>> dictionaries = new HashMap<>();
        private List<Object[]> current = new ArrayList<>();
        private boolean legacyFraming;
        private boolean endOfStream = true;
        private boolean compressBuffers;

        private Builder(List<Field> fields) {
            this.fields = List.copyOf(fields);
        }

        /** Adds a row to the current batch; one value per column. */
        public Builder row(Object... values) {
            if (values.length != fields.size()) {
                throw new IllegalArgumentException(values.length + " values for " + fields.size() + " columns");
            }
            current.add(values.clone());
            return this;
        }

        /** Adds rows to the current batch. */
        public Builder rows(List<Object[]> rows) {
            rows.forEach(this::row);
            return this;
        }

        /** Closes the current batch (even if empty) so the next row starts a new one. */
        public Builder endBatch() {
            batches.add(current);
            current = new ArrayList<>();
            return this;
        }

        /** The values of dictionary {@code id}, written as a dictionary batch before the record batches. */
        public Builder dictionary(long id, List<?> values) {
            dictionaries.put(id, List.copyOf(values));
            return this;
        }

        /** Writes the pre-1.0 framing: message lengths without the 0xFFFFFFFF continuation marker. */
        public Builder legacyFraming() {
            this.legacyFraming = true;
            return this;
        }

        /** Ends the stream at the last batch, without the end-of-stream marker. */
        public Builder withoutEndOfStream() {
            this.endOfStream = false;
            return this;
        }

        /** Compresses each buffer with Arrow IPC LZ4_FRAME buffer compression. */
        public Builder compressBuffers() {
            this.compressBuffers = true;
            return this;
        }

        /** The IPC stream bytes. */
        public byte[] toBytes() {
            List<List<Object[]>> all = new ArrayList<>(batches);
            if (!current.isEmpty() || all.isEmpty()) {
                all.add(current);
            }
            IpcOption option = new IpcOption(legacyFraming, MetadataVersion.DEFAULT);
            HeapWriteChannel out = new HeapWriteChannel();
            try (BufferAllocator allocator = new RootAllocator()) {
                MessageSerializer.serialize(out, new Schema(fields), option);
                writeDictionaries(allocator, out, option);
                for (List<Object[]> batch : all) {
                    writeBatch(allocator, out, option, batch);
                }
                if (endOfStream) {
                    ArrowStreamWriter.writeEndOfStream(out, option);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        /** The IPC stream bytes in one LZ4 frame, as Databricks sends them with LZ4_FRAME compression. */
        public byte[] toLz4Bytes() {
            return lz4Frame(toBytes());
        }

        private void writeDictionaries(BufferAllocator allocator, HeapWriteChannel out, IpcOption option)
                throws IOException {
            for (Field f : fields) {
                DictionaryEncoding d = f.getDictionary();
                if (d == null) {
                    continue;
                }
                List<?> values = dictionaries.get(d.getId());
                if (values == null) {
                    throw new IllegalStateException("no values for dictionary " + d.getId());
                }
                Field valueField = new Field(f.getName(), new FieldType(true, f.getType(), null), f.getChildren());
                List<Object[]> rows = new ArrayList<>();
                values.forEach(v -> rows.add(new Object[] {v}));
                try (VectorSchemaRoot root = fill(allocator, List.of(valueField), rows);
                     ArrowRecordBatch batch = unload(root)) {
                    MessageSerializer.serialize(out, new ArrowDictionaryBatch(d.getId(), batch, false), option);
                }
            }
        }

        private void writeBatch(BufferAllocator allocator, HeapWriteChannel out, IpcOption option,
                                List<Object[]> rows) throws IOException {
            try (VectorSchemaRoot root = fill(allocator, vectorFields(), rows);
                 ArrowRecordBatch batch = unload(root)) {
                MessageSerializer.serialize(out, batch, option);
            }
        }

        /** Dictionary-encoded columns hold their int indices in the batch. */
        private List<Field> vectorFields() {
            List<Field> out = new ArrayList<>();
            for (Field f : fields) {
                DictionaryEncoding d = f.getDictionary();
                out.add(d == null ? f : new Field(f.getName(), new FieldType(true, d.getIndexType(), null), List.of()));
            }
            return out;
        }

        private ArrowRecordBatch unload(VectorSchemaRoot root) {
            return compressBuffers
                    ? new VectorUnloader(root, true, new Lz4FrameCodec(), true).getRecordBatch()
                    : new VectorUnloader(root).getRecordBatch();
        }

        private static VectorSchemaRoot fill(BufferAllocator allocator, List<Field> fields, List<Object[]> rows) {
            VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
            root.allocateNew();
            List<FieldVector> vectors = root.getFieldVectors();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < vectors.size(); c++) {
                    VectorValues.set(vectors.get(c), r, rows.get(r)[c]);
                }
            }
            root.setRowCount(rows.size());
            return root;
        }
    }
}
