package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Date;
import org.apache.arrow.flatbuf.Decimal;
import org.apache.arrow.flatbuf.DictionaryEncoding;
import org.apache.arrow.flatbuf.Duration;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FixedSizeBinary;
import org.apache.arrow.flatbuf.FixedSizeList;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.Interval;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Time;
import org.apache.arrow.flatbuf.Timestamp;
import org.apache.arrow.flatbuf.Type;

/** Copies the flatbuffer Schema of a stream into {@link ArrowField}s. */
final class SchemaReader {
    /** Deeper nesting than this is treated as corrupt rather than risking the stack. */
    private static final int MAX_DEPTH = 64;
    /**
     * More fields than this in one schema is treated as corrupt: corrupt flatbuffers can point a field's
     * children back at their parent, and the walk must end.
     */
    private static final int MAX_FIELDS = 100_000;

    private int visited;

    private SchemaReader() {
    }

    static List<ArrowField> fields(Schema schema) throws SQLException {
        return new SchemaReader().read(schema);
    }

    private List<ArrowField> read(Schema schema) throws SQLException {
        if (schema.endianness() != Endianness.Little) {
            throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED, "big-endian Arrow data is not supported");
        }
        // Counts come from untrusted bytes: never size a collection by them.
        List<ArrowField> fields = new ArrayList<>();
        for (int i = 0; i < schema.fieldsLength(); i++) {
            fields.add(field(schema.fields(i), 0));
        }
        return fields;
    }

    private ArrowField field(Field f, int depth) throws SQLException {
        if (f == null || depth > MAX_DEPTH || ++visited > MAX_FIELDS) {
            throw Errors.of(SqlState.DATA_EXCEPTION,
                    "corrupt Arrow schema: a missing field, or more than " + MAX_DEPTH + " levels or "
                            + MAX_FIELDS + " fields");
        }
        List<ArrowField> children = new ArrayList<>();
        for (int i = 0; i < f.childrenLength(); i++) {
            children.add(field(f.children(i), depth + 1));
        }
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < f.customMetadataLength(); i++) {
            KeyValue kv = f.customMetadata(i);
            if (kv != null && kv.key() != null && kv.value() != null) {
                metadata.put(kv.key(), kv.value());
            }
        }
        ArrowField.Dictionary dictionary = null;
        DictionaryEncoding d = f.dictionary();
        if (d != null) {
            Int index = d.indexType();
            dictionary = index == null
                    ? new ArrowField.Dictionary(d.id(), 32, true)
                    : new ArrowField.Dictionary(d.id(), index.bitWidth(), index.isSigned());
        }
        String name = f.name() == null ? "" : f.name();
        return typed(f, name, children, metadata, dictionary);
    }

    private static ArrowField typed(Field f, String name, List<ArrowField> children, Map<String, String> metadata,
                                    ArrowField.Dictionary dictionary) throws SQLException {
        byte type = f.typeType();
        int bitWidth = 0;
        boolean signed = false;
        int precision = 0;
        int scale = 0;
        short unit = 0;
        String timezone = null;
        int width = 0;
        switch (type) {
            case Type.Int: {
                Int t = (Int) f.type(new Int());
                bitWidth = t.bitWidth();
                signed = t.isSigned();
                break;
            }
            case Type.FloatingPoint:
                precision = ((FloatingPoint) f.type(new FloatingPoint())).precision();
                break;
            case Type.Decimal: {
                Decimal t = (Decimal) f.type(new Decimal());
                precision = t.precision();
                scale = t.scale();
                bitWidth = t.bitWidth();
                break;
            }
            case Type.Date:
                unit = ((Date) f.type(new Date())).unit();
                break;
            case Type.Time: {
                Time t = (Time) f.type(new Time());
                unit = t.unit();
                bitWidth = t.bitWidth();
                break;
            }
            case Type.Timestamp: {
                Timestamp t = (Timestamp) f.type(new Timestamp());
                unit = t.unit();
                // Arrow reads an empty zone like an absent one: a zone-less (wall-clock) timestamp.
                timezone = t.timezone() == null || t.timezone().isEmpty() ? null : t.timezone();
                break;
            }
            case Type.Interval:
                unit = ((Interval) f.type(new Interval())).unit();
                break;
            case Type.Duration:
                unit = ((Duration) f.type(new Duration())).unit();
                break;
            case Type.FixedSizeBinary:
                width = ((FixedSizeBinary) f.type(new FixedSizeBinary())).byteWidth();
                break;
            case Type.FixedSizeList:
                width = ((FixedSizeList) f.type(new FixedSizeList())).listSize();
                break;
            default:
                break;
        }
        return new ArrowField(name, f.nullable(), type, bitWidth, signed, precision, scale, unit, timezone, width,
                children, metadata, dictionary);
    }
}
