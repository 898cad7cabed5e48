package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.types.SqlField;
import dev.sluice.jdbc.internal.types.SqlKind;
import dev.sluice.jdbc.internal.types.SqlType;
import dev.sluice.jdbc.internal.types.TypeParser;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.IntervalUnit;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Type;

/**
 * Which SQL type an Arrow field is read as. The manifest's type wins where Arrow is ambiguous (a
 * zone-less timestamp that is a TIMESTAMP, a Duration that is an INTERVAL, JSON text that is an ARRAY,
 * a struct that is a VARIANT); then Spark's {@code Spark:DataType:SqlName} field metadata; then the type
 * Spark would have sent the Arrow type for.
 */
final class ArrowTypes {
    static final String SQL_NAME = "Spark:DataType:SqlName";

    private ArrowTypes() {
    }

    /** The effective type of {@code f}: {@code hint} when it fits the Arrow shape, else what Arrow says. */
    static SqlType effective(ArrowField f, SqlType hint) {
        if (hint != null && hint.kind() != SqlKind.OTHER && fits(f, hint)) {
            return hint;
        }
        String sqlName = f.metadata().get(SQL_NAME);
        if (sqlName != null) {
            SqlType named = TypeParser.parse(sqlName);
            if (named.kind() != SqlKind.OTHER && fits(f, named)) {
                return named;
            }
        }
        return derive(f);
    }

    private static boolean fits(ArrowField f, SqlType t) {
        byte type = f.typeId();
        boolean text = type == Type.Utf8 || type == Type.LargeUtf8;
        switch (t.kind()) {
            case ARRAY:
                return text || ((type == Type.List || type == Type.LargeList || type == Type.FixedSizeList)
                        && f.children().size() == 1);
            case MAP:
                return text || (type == Type.Map && f.children().size() == 1
                        && f.children().get(0).children().size() == 2);
            case STRUCT:
                return text || (type == Type.Struct_ && f.children().size() == t.fields().size());
            case VARIANT:
                return text || isVariantShape(f);
            default:
                return !isNested(type);
        }
    }

    private static boolean isNested(byte type) {
        return type == Type.List || type == Type.LargeList || type == Type.FixedSizeList || type == Type.Map
                || type == Type.Struct_ || type == Type.Union;
    }

    /** Spark's Arrow form of VARIANT: a struct of two binary fields, {@code value} and {@code metadata}. */
    static boolean isVariantShape(ArrowField f) {
        if (f.typeId() != Type.Struct_ || f.children().size() != 2) {
            return false;
        }
        boolean value = false;
        boolean metadata = false;
        for (ArrowField c : f.children()) {
            boolean binary = c.typeId() == Type.Binary || c.typeId() == Type.LargeBinary;
            value |= binary && c.name().equals("value");
            metadata |= binary && c.name().equals("metadata");
        }
        return value && metadata;
    }

    /** The type a field's children should be read with, given the parent's effective type. */
    static SqlType childHint(SqlType parent, ArrowField parentField, int child) {
        switch (parent.kind()) {
            case ARRAY:
                return parent.elementType();
            case MAP:
                return SqlType.struct(List.of(new SqlField("key", parent.keyType()),
                        new SqlField("value", parent.valueType())));
            case STRUCT:
                return parent.fields().size() == parentField.children().size()
                        ? parent.fields().get(child).type() : null;
            default:
                return null;
        }
    }

    /** The SQL type Spark maps to this Arrow type. */
    static SqlType derive(ArrowField f) {
        switch (f.typeId()) {
            case Type.Null:
                return SqlType.of(SqlKind.VOID, "VOID");
            case Type.Bool:
                return SqlType.of(SqlKind.BOOLEAN, "BOOLEAN");
            case Type.Int:
                return integer(f.bitWidth(), f.signed());
            case Type.FloatingPoint:
                return f.precision() == Precision.DOUBLE
                        ? SqlType.of(SqlKind.DOUBLE, "DOUBLE") : SqlType.of(SqlKind.FLOAT, "FLOAT");
            case Type.Decimal:
                return SqlType.decimal(f.precision(), f.scale());
            case Type.Utf8:
            case Type.LargeUtf8:
                return SqlType.of(SqlKind.STRING, "STRING");
            case Type.Binary:
            case Type.LargeBinary:
            case Type.FixedSizeBinary:
                return SqlType.of(SqlKind.BINARY, "BINARY");
            case Type.Date:
                return SqlType.of(SqlKind.DATE, "DATE");
            case Type.Time:
                return SqlType.of(SqlKind.TIME, "TIME");
            case Type.Timestamp:
                return f.timezone() != null
                        ? SqlType.of(SqlKind.TIMESTAMP, "TIMESTAMP") : SqlType.of(SqlKind.TIMESTAMP_NTZ, "TIMESTAMP_NTZ");
            case Type.Interval:
                return interval(f.unit());
            case Type.Duration:
                return SqlType.of(SqlKind.INTERVAL_DAY_TIME, "INTERVAL DAY TO SECOND");
            default:
                return nested(f);
        }
    }

    private static SqlType nested(ArrowField f) {
        switch (f.typeId()) {
            case Type.List:
            case Type.LargeList:
            case Type.FixedSizeList:
                return f.children().size() == 1 ? SqlType.array(derive(f.children().get(0))) : other(f);
            case Type.Map:
                if (f.children().size() == 1 && f.children().get(0).children().size() == 2) {
                    List<ArrowField> kv = f.children().get(0).children();
                    return SqlType.map(derive(kv.get(0)), derive(kv.get(1)));
                }
                return other(f);
            case Type.Struct_:
                if (isVariantShape(f) && isMarkedVariant(f)) {
                    return SqlType.of(SqlKind.VARIANT, "VARIANT");
                }
                List<SqlField> fields = new ArrayList<>();
                for (ArrowField c : f.children()) {
                    fields.add(new SqlField(c.name(), derive(c)));
                }
                return SqlType.struct(fields);
            default:
                return other(f);
        }
    }

    /** Spark marks its variant struct in field metadata; an unmarked struct of that shape stays a STRUCT. */
    private static boolean isMarkedVariant(ArrowField f) {
        String marker = f.metadata().get("variant");
        String extension = f.metadata().get("ARROW:extension:name");
        return "true".equalsIgnoreCase(marker) || (extension != null && extension.toLowerCase(java.util.Locale.ROOT).contains("variant"));
    }

    private static SqlType other(ArrowField f) {
        return SqlType.of(SqlKind.OTHER, f.typeName().toUpperCase(java.util.Locale.ROOT));
    }

    private static SqlType integer(int bitWidth, boolean signed) {
        switch (bitWidth) {
            case 8:
                return signed ? SqlType.of(SqlKind.TINYINT, "TINYINT") : SqlType.of(SqlKind.SMALLINT, "SMALLINT");
            case 16:
                return signed ? SqlType.of(SqlKind.SMALLINT, "SMALLINT") : SqlType.of(SqlKind.INT, "INT");
            case 32:
                return signed ? SqlType.of(SqlKind.INT, "INT") : SqlType.of(SqlKind.BIGINT, "BIGINT");
            default:
                return signed ? SqlType.of(SqlKind.BIGINT, "BIGINT") : SqlType.decimal(20, 0);
        }
    }

    private static SqlType interval(short unit) {
        switch (unit) {
            case IntervalUnit.YEAR_MONTH:
                return SqlType.of(SqlKind.INTERVAL_YEAR_MONTH, "INTERVAL YEAR TO MONTH");
            case IntervalUnit.DAY_TIME:
                return SqlType.of(SqlKind.INTERVAL_DAY_TIME, "INTERVAL DAY TO SECOND");
            default:
                return SqlType.of(SqlKind.INTERVAL_DAY_TIME, "INTERVAL");
        }
    }
}
