package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.arrow.BatchBody.Node;
import dev.sluice.jdbc.internal.arrow.accessor.ArrowAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.ArrowBuffer;
import dev.sluice.jdbc.internal.arrow.accessor.BigIntAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.BinaryAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.BoolAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.DateAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.DayTimeIntervalAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.DecimalAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.DictionaryAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.DoubleAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.DurationAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.FixedSizeBinaryAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.FixedSizeListAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.FloatAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.HalfFloatAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.IntAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.JsonTextAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.LargeBinaryAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.LargeListAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.LargeUtf8Accessor;
import dev.sluice.jdbc.internal.arrow.accessor.LittleEndian;
import dev.sluice.jdbc.internal.arrow.accessor.ListAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.MapAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.MonthDayNanoIntervalAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.NullAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.SmallIntAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.StructAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.TextAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.TimeAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.TimestampNtzAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.TimestampTzAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.TinyIntAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.UInt64Accessor;
import dev.sluice.jdbc.internal.arrow.accessor.UnsignedIntAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.Utf8Accessor;
import dev.sluice.jdbc.internal.arrow.accessor.VarWidthAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.VariantAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.YearMonthIntervalAccessor;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.types.SqlKind;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.DateUnit;
import org.apache.arrow.flatbuf.IntervalUnit;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Type;

/**
 * Builds the accessor of one field of one batch: a switch on the Arrow type, reading the field's node
 * and buffers in IPC order and validating every size and offset the accessor will rely on, so that
 * getters need no checks of their own.
 */
final class AccessorFactory {
    /** A decoded vector and its length (parents check their children's lengths against their own). */
    record Vector(ArrowAccessor accessor, int length) {
    }

    /** The values of a dictionary batch. */
    record DictionaryValues(ArrowAccessor values, int length) {
    }

    private final ResultOptions options;
    private final Map<Long, DictionaryValues> dictionaries;

    AccessorFactory(ResultOptions options, Map<Long, DictionaryValues> dictionaries) {
        this.options = options;
        this.dictionaries = dictionaries;
    }

    Vector create(ArrowField f, SqlType hint, BatchBody body) throws SQLException {
        SqlType type = ArrowTypes.effective(f, hint);
        if (f.dictionary() != null) {
            return dictionary(f, body);
        }
        Node n = body.node(f);
        switch (f.typeId()) {
            case Type.Null:
                return new Vector(new NullAccessor(type), n.length());
            case Type.Bool: {
                ArrowBuffer validity = validity(f, n, body);
                ArrowBuffer data = body.buffer(f);
                require(data.length() >= (n.length() + 7L) / 8, f, "its bit-packed data is too short");
                return new Vector(new BoolAccessor(validity, data, type), n.length());
            }
            case Type.Int:
            case Type.FloatingPoint:
            case Type.Decimal:
                return numeric(f, type, n, body);
            case Type.Utf8:
            case Type.LargeUtf8:
            case Type.Binary:
            case Type.LargeBinary:
            case Type.FixedSizeBinary:
                return variableWidth(f, type, n, body);
            case Type.Date:
            case Type.Time:
            case Type.Timestamp:
            case Type.Interval:
            case Type.Duration:
                return temporal(f, type, n, body);
            case Type.List:
            case Type.LargeList:
            case Type.FixedSizeList:
                return list(f, type, n, body);
            case Type.Map:
                return map(f, type, n, body);
            case Type.Struct_:
                return struct(f, type, n, body);
            default:
                throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "Arrow type " + f.typeName() + " of field '" + f.name() + "' is not supported");
        }
    }

    private Vector numeric(ArrowField f, SqlType type, Node n, BatchBody body) throws SQLException {
        ArrowBuffer validity = validity(f, n, body);
        ArrowBuffer data = body.buffer(f);
        switch (f.typeId()) {
            case Type.Int:
                return new Vector(integer(f, type, n, validity, data), n.length());
            case Type.FloatingPoint:
                switch (f.precision()) {
                    case Precision.HALF:
                        fixed(f, n, data, 2);
                        return new Vector(new HalfFloatAccessor(validity, data, type), n.length());
                    case Precision.SINGLE:
                        fixed(f, n, data, 4);
                        return new Vector(new FloatAccessor(validity, data, type), n.length());
                    default:
                        fixed(f, n, data, 8);
                        return new Vector(new DoubleAccessor(validity, data, type), n.length());
                }
            default: {
                int width = f.bitWidth() / 8;
                if (width != 4 && width != 8 && width != 16 && width != 32) {
                    throw unsupported(f, "decimal bit width " + f.bitWidth());
                }
                fixed(f, n, data, width);
                return new Vector(new DecimalAccessor(validity, data, width, f.scale(), type), n.length());
            }
        }
    }

    private static ArrowAccessor integer(ArrowField f, SqlType type, Node n, ArrowBuffer validity, ArrowBuffer data)
            throws SQLException {
        int width = f.bitWidth() / 8;
        if ((width != 1 && width != 2 && width != 4 && width != 8) || f.bitWidth() % 8 != 0) {
            throw BatchBody.corrupt("field '" + f.name() + "' has integer bit width " + f.bitWidth());
        }
        fixed(f, n, data, width);
        if (!f.signed()) {
            return width == 8 ? new UInt64Accessor(validity, data, type)
                    : new UnsignedIntAccessor(validity, data, width, type);
        }
        switch (width) {
            case 1:
                return new TinyIntAccessor(validity, data, type);
            case 2:
                return new SmallIntAccessor(validity, data, type);
            case 4:
                return new IntAccessor(validity, data, type);
            default:
                return new BigIntAccessor(validity, data, type);
        }
    }

    private Vector variableWidth(ArrowField f, SqlType type, Node n, BatchBody body) throws SQLException {
        ArrowBuffer validity = validity(f, n, body);
        if (f.typeId() == Type.FixedSizeBinary) {
            ArrowBuffer data = body.buffer(f);
            require(f.width() >= 0, f, "its byte width is negative");
            fixed(f, n, data, f.width());
            return new Vector(new FixedSizeBinaryAccessor(validity, data, f.width(), type), n.length());
        }
        boolean large = f.typeId() == Type.LargeUtf8 || f.typeId() == Type.LargeBinary;
        ArrowBuffer offsets = body.buffer(f);
        ArrowBuffer data = body.buffer(f);
        offsets(f, n, offsets, large, data.length());
        switch (f.typeId()) {
            case Type.Utf8:
                return new Vector(text(new Utf8Accessor(validity, offsets, data, n.length(), type), type), n.length());
            case Type.LargeUtf8:
                return new Vector(text(new LargeUtf8Accessor(validity, offsets, data, type), type), n.length());
            case Type.Binary:
                return new Vector(new BinaryAccessor(validity, offsets, data, type), n.length());
            default:
                return new Vector(new LargeBinaryAccessor(validity, offsets, data, type), n.length());
        }
    }

    /** Text that holds JSON (VARIANT, or complex values sent as strings) keeps its JSON meaning. */
    private ArrowAccessor text(TextAccessor text, SqlType type) {
        if (type.kind() == SqlKind.VARIANT || type.kind().isComplex()) {
            return new JsonTextAccessor(text, type, options);
        }
        return text;
    }

    private Vector temporal(ArrowField f, SqlType type, Node n, BatchBody body) throws SQLException {
        ArrowBuffer validity = validity(f, n, body);
        ArrowBuffer data = body.buffer(f);
        switch (f.typeId()) {
            case Type.Date: {
                boolean millis = f.unit() == DateUnit.MILLISECOND;
                fixed(f, n, data, millis ? 8 : 4);
                return new Vector(new DateAccessor(validity, data, millis, type), n.length());
            }
            case Type.Time:
                unit(f);
                require(f.bitWidth() == 32 || f.bitWidth() == 64, f, "its time bit width is " + f.bitWidth());
                fixed(f, n, data, f.bitWidth() / 8);
                return new Vector(new TimeAccessor(validity, data, f.bitWidth(), f.unit(), type), n.length());
            case Type.Timestamp:
                unit(f);
                fixed(f, n, data, 8);
                return new Vector(timestamp(f, type, validity, data), n.length());
            case Type.Duration:
                unit(f);
                fixed(f, n, data, 8);
                return new Vector(new DurationAccessor(validity, data, f.unit(), type), n.length());
            default:
                return new Vector(interval(f, type, n, validity, data), n.length());
        }
    }

    /** The manifest decides between instant and wall clock; without it, the vector's time zone does. */
    private ArrowAccessor timestamp(ArrowField f, SqlType type, ArrowBuffer validity, ArrowBuffer data)
            throws SQLException {
        boolean instant = type.kind() == SqlKind.TIMESTAMP
                || (type.kind() != SqlKind.TIMESTAMP_NTZ && f.timezone() != null);
        if (!instant) {
            return new TimestampNtzAccessor(validity, data, f.unit(), type);
        }
        ZoneId zone = options.sessionZone();
        if (f.timezone() != null && !f.timezone().isEmpty()) {
            try {
                zone = ZoneId.of(f.timezone());
            } catch (DateTimeException e) {
                throw Errors.of(SqlState.DATA_EXCEPTION,
                        "field '" + f.name() + "' has an unknown time zone '" + f.timezone() + "'", e);
            }
        }
        return new TimestampTzAccessor(validity, data, f.unit(), zone, type);
    }

    private static ArrowAccessor interval(ArrowField f, SqlType type, Node n, ArrowBuffer validity, ArrowBuffer data)
            throws SQLException {
        switch (f.unit()) {
            case IntervalUnit.YEAR_MONTH:
                fixed(f, n, data, 4);
                return new YearMonthIntervalAccessor(validity, data, type);
            case IntervalUnit.DAY_TIME:
                fixed(f, n, data, 8);
                return new DayTimeIntervalAccessor(validity, data, type);
            case IntervalUnit.MONTH_DAY_NANO:
                fixed(f, n, data, 16);
                return new MonthDayNanoIntervalAccessor(validity, data, type);
            default:
                throw unsupported(f, "interval unit " + f.unit());
        }
    }

    private Vector list(ArrowField f, SqlType type, Node n, BatchBody body) throws SQLException {
        require(f.children().size() == 1, f, "a list needs exactly one child field");
        ArrowBuffer validity = validity(f, n, body);
        if (f.typeId() == Type.FixedSizeList) {
            require(f.width() >= 0, f, "its list size is negative");
            Vector child = create(f.children().get(0), ArrowTypes.childHint(type, f, 0), body);
            require(child.length() >= (long) n.length() * f.width(), f, "its child holds too few values");
            return new Vector(new FixedSizeListAccessor(validity, f.width(), child.accessor(), arrayType(type, child),
                    options.complexTypesAsObjects()), n.length());
        }
        boolean large = f.typeId() == Type.LargeList;
        ArrowBuffer offsets = body.buffer(f);
        Vector child = create(f.children().get(0), ArrowTypes.childHint(type, f, 0), body);
        offsets(f, n, offsets, large, child.length());
        SqlType arrayType = arrayType(type, child);
        boolean asObjects = options.complexTypesAsObjects();
        ArrowAccessor a = large
                ? new LargeListAccessor(validity, offsets, child.accessor(), arrayType, asObjects)
                : new ListAccessor(validity, offsets, child.accessor(), arrayType, asObjects);
        return new Vector(a, n.length());
    }

    private static SqlType arrayType(SqlType type, Vector child) {
        return type.kind() == SqlKind.ARRAY ? type : SqlType.array(child.accessor().sqlType());
    }

    private Vector map(ArrowField f, SqlType type, Node n, BatchBody body) throws SQLException {
        require(f.children().size() == 1 && f.children().get(0).children().size() == 2, f,
                "a map needs one entries child with a key and a value");
        ArrowBuffer validity = validity(f, n, body);
        ArrowBuffer offsets = body.buffer(f);
        Vector entries = create(f.children().get(0), ArrowTypes.childHint(type, f, 0), body);
        offsets(f, n, offsets, false, entries.length());
        require(entries.accessor() instanceof StructAccessor, f, "its entries are not a struct");
        List<ArrowAccessor> kv = ((StructAccessor) entries.accessor()).children();
        SqlType mapType = type.kind() == SqlKind.MAP ? type : SqlType.map(kv.get(0).sqlType(), kv.get(1).sqlType());
        return new Vector(new MapAccessor(validity, offsets, kv.get(0), kv.get(1), mapType,
                options.complexTypesAsObjects()), n.length());
    }

    private Vector struct(ArrowField f, SqlType type, Node n, BatchBody body) throws SQLException {
        ArrowBuffer validity = validity(f, n, body);
        List<ArrowAccessor> children = new ArrayList<>(f.children().size());
        List<String> names = new ArrayList<>(f.children().size());
        for (int i = 0; i < f.children().size(); i++) {
            ArrowField c = f.children().get(i);
            Vector child = create(c, ArrowTypes.childHint(type, f, i), body);
            require(child.length() >= n.length(), f, "its field '" + c.name() + "' holds too few values");
            children.add(child.accessor());
            names.add(c.name());
        }
        if (type.kind() == SqlKind.VARIANT) {
            int value = names.indexOf("value");
            int metadata = names.indexOf("metadata");
            if (value >= 0 && metadata >= 0 && children.get(value) instanceof VarWidthAccessor
                    && children.get(metadata) instanceof VarWidthAccessor) {
                return new Vector(new VariantAccessor(validity, (VarWidthAccessor) children.get(value),
                        (VarWidthAccessor) children.get(metadata), options.sessionZone(), type), n.length());
            }
        }
        SqlType structType = type.kind() == SqlKind.STRUCT ? type : structOf(names, children);
        return new Vector(new StructAccessor(validity, children, names, structType, options.complexTypesAsObjects()),
                n.length());
    }

    private static SqlType structOf(List<String> names, List<ArrowAccessor> children) {
        List<dev.sluice.jdbc.internal.types.SqlField> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(new dev.sluice.jdbc.internal.types.SqlField(names.get(i), children.get(i).sqlType()));
        }
        return SqlType.struct(fields);
    }

    private Vector dictionary(ArrowField f, BatchBody body) throws SQLException {
        ArrowField.Dictionary d = f.dictionary();
        DictionaryValues values = dictionaries.get(d.id());
        if (values == null) {
            throw BatchBody.corrupt("field '" + f.name() + "' uses dictionary " + d.id() + ", which was not sent");
        }
        int width = d.indexBitWidth() / 8;
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw BatchBody.corrupt("field '" + f.name() + "' has dictionary index width " + d.indexBitWidth());
        }
        Node n = body.node(f);
        ArrowBuffer validity = validity(f, n, body);
        ArrowBuffer indices = body.buffer(f);
        fixed(f, n, indices, width);
        checkIndices(f, n, validity, indices, width, values.length());
        return new Vector(new DictionaryAccessor(validity, indices, width, d.indexSigned(), values.values()),
                n.length());
    }

    private static void checkIndices(ArrowField f, Node n, ArrowBuffer validity, ArrowBuffer indices, int width,
                                     int size) throws SQLException {
        for (int row = 0; row < n.length(); row++) {
            boolean valid = validity == null
                    || (validity.array()[validity.offset() + (row >>> 3)] & (1 << (row & 7))) != 0;
            long index = DictionaryAccessor.index(indices.array(), indices.offset(), width,
                    f.dictionary().indexSigned(), row);
            if (valid && (index < 0 || index >= size)) {
                throw BatchBody.corrupt("field '" + f.name() + "' row " + row + " has dictionary index " + index
                        + " outside a dictionary of " + size);
            }
        }
    }

    /** The validity bitmap, or null when the node says nothing is null (the bitmap may then be absent). */
    private static ArrowBuffer validity(ArrowField f, Node n, BatchBody body) throws SQLException {
        ArrowBuffer b = body.buffer(f);
        if (n.nullCount() == 0) {
            return null;
        }
        require(b.length() >= (n.length() + 7L) / 8, f, "its validity bitmap is too short");
        return b;
    }

    private static void fixed(ArrowField f, Node n, ArrowBuffer data, int width) throws SQLException {
        require(data.length() >= (long) n.length() * width, f,
                "its data buffer holds " + data.length() + " bytes, " + n.length() + " values need "
                        + (long) n.length() * width);
    }

    /** Offsets must rise from a non-negative start and end within {@code limit} (data bytes or child values). */
    private static void offsets(ArrowField f, Node n, ArrowBuffer offsets, boolean large, long limit)
            throws SQLException {
        if (n.length() == 0) {
            return;
        }
        int width = large ? 8 : 4;
        require(offsets.length() >= ((long) n.length() + 1) * width, f, "its offsets buffer is too short");
        byte[] b = offsets.array();
        int at = offsets.offset();
        long previous = large ? LittleEndian.getLong(b, at) : LittleEndian.getInt(b, at);
        require(previous >= 0, f, "its first offset is negative");
        for (int i = 1; i <= n.length(); i++) {
            at += width;
            long next = large ? LittleEndian.getLong(b, at) : LittleEndian.getInt(b, at);
            if (next < previous) {
                throw BatchBody.corrupt("field '" + f.name() + "' offset " + i + " (" + next
                        + ") is below the previous one (" + previous + ")");
            }
            previous = next;
        }
        require(previous <= limit, f, "its last offset " + previous + " is past the end (" + limit + ")");
    }

    private static void unit(ArrowField f) throws SQLException {
        require(f.unit() >= 0 && f.unit() <= 3, f, "its time unit is " + f.unit());
    }

    private static void require(boolean ok, ArrowField f, String problem) throws SQLException {
        if (!ok) {
            throw BatchBody.corrupt("field '" + f.name() + "' (" + f.typeName() + "): " + problem);
        }
    }

    private static SQLException unsupported(ArrowField f, String what) {
        return Errors.of(SqlState.FEATURE_NOT_SUPPORTED, "field '" + f.name() + "': " + what + " is not supported");
    }
}
