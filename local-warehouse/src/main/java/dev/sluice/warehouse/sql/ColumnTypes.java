package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.Json;
import java.util.Locale;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.CalendarIntervalType;
import org.apache.spark.sql.types.CharType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DayTimeIntervalType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.VarcharType;
import org.apache.spark.sql.types.VariantType;
import org.apache.spark.sql.types.YearMonthIntervalType;

/**
 * Spark types as Databricks describes them in a result manifest: {@code type_name} is the
 * Spark-internal name (LONG, SHORT, BYTE...), {@code type_text} the SQL spelling (BIGINT, SMALLINT...).
 */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    public static ObjectNode columnInfo(StructField f, int position) {
        ObjectNode c = Json.object();
        DataType t = f.dataType();
        c.put("name", f.name());
        c.put("type_text", typeText(t));
        c.put("type_name", typeName(t));
        c.put("position", position);
        if (t instanceof DecimalType d) {
            c.put("type_precision", d.precision());
            c.put("type_scale", d.scale());
        }
        String interval = intervalQualifier(t);
        if (interval != null) {
            c.put("type_interval_type", interval);
        }
        return c;
    }

    public static String typeName(DataType t) {
        if (t instanceof BooleanType) return "BOOLEAN";
        if (t instanceof ByteType) return "BYTE";
        if (t instanceof ShortType) return "SHORT";
        if (t instanceof IntegerType) return "INT";
        if (t instanceof LongType) return "LONG";
        if (t instanceof FloatType) return "FLOAT";
        if (t instanceof DoubleType) return "DOUBLE";
        if (t instanceof DecimalType) return "DECIMAL";
        if (t instanceof CharType) return "CHAR";
        if (t instanceof StringType || t instanceof VarcharType) return "STRING";
        if (t instanceof BinaryType) return "BINARY";
        if (t instanceof DateType) return "DATE";
        if (t instanceof TimestampType) return "TIMESTAMP";
        if (t instanceof TimestampNTZType) return "TIMESTAMP_NTZ";
        if (t instanceof ArrayType) return "ARRAY";
        if (t instanceof MapType) return "MAP";
        if (t instanceof StructType) return "STRUCT";
        if (t instanceof NullType) return "NULL";
        if (t instanceof VariantType) return "VARIANT";
        if (t instanceof YearMonthIntervalType || t instanceof DayTimeIntervalType
                || t instanceof CalendarIntervalType) return "INTERVAL";
        return "USER_DEFINED_TYPE";
    }

    /** SQL spelling without backticks or collations, as Databricks manifests show it. */
    public static String typeText(DataType t) {
        if (t instanceof StringType || t instanceof VarcharType) return "STRING";
        if (t instanceof ArrayType a) return "ARRAY<" + typeText(a.elementType()) + ">";
        if (t instanceof MapType m) return "MAP<" + typeText(m.keyType()) + ", " + typeText(m.valueType()) + ">";
        if (t instanceof StructType s) {
            StringBuilder b = new StringBuilder("STRUCT<");
            StructField[] fields = s.fields();
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) b.append(", ");
                b.append(fieldName(fields[i].name())).append(": ").append(typeText(fields[i].dataType()));
                if (!fields[i].nullable()) b.append(" NOT NULL");
            }
            return b.append('>').toString();
        }
        if (t instanceof CalendarIntervalType) return "INTERVAL";
        return t.sql().toUpperCase(Locale.ROOT);
    }

    /** "DAY TO SECOND", "YEAR", ... for ANSI intervals; null for other types. */
    public static String intervalQualifier(DataType t) {
        if (t instanceof YearMonthIntervalType || t instanceof DayTimeIntervalType) {
            String sql = t.sql().toUpperCase(Locale.ROOT);
            return sql.startsWith("INTERVAL ") ? sql.substring("INTERVAL ".length()) : null;
        }
        return null;
    }

    private static String fieldName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "``") + "`";
    }
}
