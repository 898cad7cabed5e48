package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.warehouse.http.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.arrow.ArrowWriter;
import org.apache.spark.sql.types.CalendarIntervalType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.VariantType;
import org.apache.spark.sql.util.ArrowUtils;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.unsafe.types.VariantVal;

/**
 * Materializes a Dataset as chunk files: Arrow IPC streams (one complete stream per chunk, whole-file
 * LZ4 frame when asked), compact JSON arrays or CSV. Chunks end at a row count or an estimated byte size.
 */
final class ResultWriter {

    /** What to write and how to cut it. */
    record Spec(ResultFormat format, boolean lz4, int chunkRows, long chunkBytes, Long rowLimit, Long byteLimit,
                ZoneId zone) {
    }

    private static final String SQL_NAME = "Spark:DataType:SqlName";
    private static final int SIZE_CHECK_EVERY = 256;

    private ResultWriter() {
    }

    static MaterializedResult write(Dataset<Row> df, Spec spec, Path dir) throws IOException {
        Files.createDirectories(dir);
        StructType schema = df.schema();
        return spec.format() == ResultFormat.ARROW_STREAM ? writeArrow(df, schema, spec, dir)
                : writeText(df, schema, spec, dir);
    }

    private static MaterializedResult writeArrow(Dataset<Row> df, StructType schema, Spec spec, Path dir)
            throws IOException {
        StructType wire = wireSchema(schema);
        boolean convert = !wire.equals(schema);
        Schema arrowSchema = withSqlNames(ArrowUtils.toArrowSchema(wire, spec.zone().getId(), false, false), schema);
        Iterator<InternalRow> rows = scala.jdk.javaapi.CollectionConverters.asJava(
                df.queryExecution().executedPlan().executeToIterator());
        List<Chunk> chunks = new ArrayList<>();
        long offset = 0;
        long bytes = 0;
        boolean truncated = false;
        try (BufferAllocator alloc = ArrowUtils.rootAllocator().newChildAllocator("result", 0, Long.MAX_VALUE);
             VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema, alloc)) {
            ArrowWriter writer = ArrowWriter.create(root);
            while (rows.hasNext() && !truncated) {
                long n = 0;
                while (rows.hasNext() && n < spec.chunkRows()) {
                    if (limitReached(spec, offset + n, bytes)) {
                        truncated = true;
                        break;
                    }
                    InternalRow r = rows.next();
                    writer.write(convert ? toWire(r, schema, spec.zone()) : r);
                    n++;
                    if (n % SIZE_CHECK_EVERY == 0 && writer.sizeInBytes() >= spec.chunkBytes()) {
                        break;
                    }
                }
                if (n == 0) {
                    break;
                }
                writer.finish();
                Path file = dir.resolve("chunk-" + chunks.size() + ".arrow");
                try (OutputStream out = open(file, spec.lz4());
                     ArrowStreamWriter stream = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
                    stream.start();
                    stream.writeBatch();
                    stream.end();
                }
                long size = Files.size(file);
                chunks.add(new Chunk(chunks.size(), offset, n, size, file));
                offset += n;
                bytes += size;
                writer.reset();
            }
            truncated |= rows.hasNext() && limitReached(spec, offset, bytes);
        }
        return new MaterializedResult(schema, spec.format(), spec.lz4(), List.copyOf(chunks), offset, truncated, dir);
    }

    private static MaterializedResult writeText(Dataset<Row> df, StructType schema, Spec spec, Path dir)
            throws IOException {
        ValueRenderer renderer = new ValueRenderer(spec.zone());
        StructField[] fields = schema.fields();
        // local plans (literals, command results) collect without a Spark job; others stream by partition
        Iterator<Row> rows = df.isLocal() ? df.collectAsList().iterator() : df.toLocalIterator();
        List<Chunk> chunks = new ArrayList<>();
        long offset = 0;
        long bytes = 0;
        boolean truncated = false;
        while (rows.hasNext() && !truncated) {
            Path file = dir.resolve("chunk-" + chunks.size() + (spec.format() == ResultFormat.CSV ? ".csv" : ".json"));
            long n = 0;
            try (CountingStream counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file)));
                 TextChunk out = spec.format() == ResultFormat.CSV
                         ? new CsvChunk(counter, fields, chunks.isEmpty()) : new JsonChunk(counter)) {
                while (rows.hasNext() && n < spec.chunkRows() && counter.count < spec.chunkBytes()) {
                    if (limitReached(spec, offset + n, bytes + counter.count)) {
                        truncated = true;
                        break;
                    }
                    Row r = rows.next();
                    String[] values = new String[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        values[i] = r.isNullAt(i) ? null : renderer.render(r.get(i), fields[i].dataType());
                    }
                    out.row(values);
                    n++;
                }
            }
            if (n == 0) {
                Files.deleteIfExists(file);
                break;
            }
            long size = Files.size(file);
            chunks.add(new Chunk(chunks.size(), offset, n, size, file));
            offset += n;
            bytes += size;
        }
        truncated |= rows.hasNext() && limitReached(spec, offset, bytes);
        return new MaterializedResult(schema, spec.format(), false, List.copyOf(chunks), offset, truncated, dir);
    }

    private static boolean limitReached(Spec spec, long rows, long bytes) {
        return (spec.rowLimit() != null && rows >= spec.rowLimit())
                || (spec.byteLimit() != null && bytes >= spec.byteLimit());
    }

    private static OutputStream open(Path file, boolean lz4) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return lz4 ? new LZ4FrameOutputStream(out) : out;
    }

    /** Types Arrow cannot carry as Spark writes them travel as their text (VARIANT as JSON). */
    private static StructType wireSchema(StructType schema) {
        StructField[] out = schema.fields().clone();
        for (int i = 0; i < out.length; i++) {
            if (textOnWire(out[i].dataType())) {
                out[i] = new StructField(out[i].name(), DataTypes.StringType, out[i].nullable(), out[i].metadata());
            }
        }
        return new StructType(out);
    }

    private static boolean textOnWire(DataType t) {
        return t instanceof VariantType || t instanceof CalendarIntervalType;
    }

    private static InternalRow toWire(InternalRow r, StructType schema, ZoneId zone) {
        StructField[] fields = schema.fields();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (r.isNullAt(i)) {
                continue;
            }
            DataType t = fields[i].dataType();
            if (t instanceof VariantType) {
                values[i] = UTF8String.fromString(((VariantVal) r.getVariant(i)).toJson(zone));
            } else if (t instanceof CalendarIntervalType) {
                values[i] = UTF8String.fromString(r.getInterval(i).toString());
            } else {
                values[i] = r.get(i, t);
            }
        }
        return new GenericInternalRow(values);
    }

    private static Schema withSqlNames(Schema arrow, StructType schema) {
        List<Field> fields = new ArrayList<>();
        StructField[] spark = schema.fields();
        for (int i = 0; i < spark.length; i++) {
            Field f = arrow.getFields().get(i);
            Map<String, String> meta = new HashMap<>();
            if (f.getMetadata() != null) {
                meta.putAll(f.getMetadata());
            }
            meta.put(SQL_NAME, ColumnTypes.typeText(spark[i].dataType()));
            FieldType ft = new FieldType(f.isNullable(), f.getType(), f.getDictionary(), meta);
            fields.add(new Field(f.getName(), ft, f.getChildren()));
        }
        return new Schema(fields, arrow.getCustomMetadata());
    }

    /** Counts bytes written so a text chunk can end near its byte budget. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private interface TextChunk extends AutoCloseable {
        void row(String[] values) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Compact JSON: an array of rows, each an array of strings or nulls. */
    private static final class JsonChunk implements TextChunk {
        private final JsonGenerator g;

        JsonChunk(OutputStream out) throws IOException {
            g = Json.MAPPER.getFactory().createGenerator(out);
            g.writeStartArray();
        }

        @Override
        public void row(String[] values) throws IOException {
            g.writeStartArray();
            for (String v : values) {
                if (v == null) {
                    g.writeNull();
                } else {
                    g.writeString(v);
                }
            }
            g.writeEndArray();
            g.flush();
        }

        @Override
        public void close() throws IOException {
            g.writeEndArray();
            g.close();
        }
    }

    /** RFC 4180 CSV, header in the first chunk only, NULL written as the literal null. */
    private static final class CsvChunk implements TextChunk {
        private final Writer w;

        CsvChunk(OutputStream out, StructField[] fields, boolean header) throws IOException {
            w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (header) {
                String[] names = new String[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    names[i] = fields[i].name();
                }
                row(names);
            }
        }

        @Override
        public void row(String[] values) throws IOException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(values[i] == null ? "null" : quote(values[i]));
            }
            w.write("\r\n");
            w.flush();
        }

        private static String quote(String v) {
            if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
                return v;
            }
            return '"' + v.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            w.close();
        }
    }
}
