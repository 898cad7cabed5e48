package dev.sluice.warehouse.catalog;

import java.util.Locale;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** Precision, radix and simple names of column types for catalog listings. */
final class NumericFacts {

    private NumericFacts() {
    }

    static Integer precision(DataType t) {
        if (t instanceof ByteType) return 3;
        if (t instanceof ShortType) return 5;
        if (t instanceof IntegerType) return 10;
        if (t instanceof LongType) return 19;
        if (t instanceof FloatType) return 7;
        if (t instanceof DoubleType) return 15;
        if (t instanceof DecimalType d) return d.precision();
        return null;
    }

    static boolean isIntegral(DataType t) {
        return t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType;
    }

    static boolean isDatetime(DataType t) {
        return t instanceof TimestampType || t instanceof TimestampNTZType || t instanceof DateType;
    }

    /** The type name without parameters, as information_schema.columns.data_type shows it. */
    static String simpleName(DataType t) {
        if (t instanceof ArrayType) return "ARRAY";
        if (t instanceof MapType) return "MAP";
        if (t instanceof StructType) return "STRUCT";
        if (t instanceof DecimalType) return "DECIMAL";
        String text = dev.sluice.warehouse.sql.ColumnTypes.typeText(t);
        int paren = text.indexOf('(');
        return (paren < 0 ? text : text.substring(0, paren)).toUpperCase(Locale.ROOT);
    }
}
