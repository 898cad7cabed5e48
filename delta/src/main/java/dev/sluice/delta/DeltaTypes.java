package dev.sluice.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;

import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Databricks SQL type names to Kernel types and back, and the JDBC type each reads as. */
final class DeltaTypes {
    private DeltaTypes() {
    }

    static StructType schema(List<DirectColumn> columns) throws SQLException {
        if (columns.isEmpty()) {
            throw new SQLException("a Delta table needs at least one column", "22023");
        }
        StructType schema = new StructType();
        for (DirectColumn c : columns) {
            schema = schema.add(c.name(), parse(c.type(), c.name()), c.nullable());
        }
        return schema;
    }

    static List<DirectColumn> columns(StructType schema) {
        List<DirectColumn> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            columns.add(new DirectColumn(f.getName(), sql(f.getDataType()), f.isNullable()));
        }
        return columns;
    }

    static DataType parse(String text, String column) throws SQLException {
        Parser p = new Parser(text, column);
        DataType type = p.type();
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw p.bad();
        }
        return type;
    }

    static String sql(DataType type) {
        if (type instanceof LongType) {
            return "BIGINT";
        } else if (type instanceof IntegerType) {
            return "INT";
        } else if (type instanceof ShortType) {
            return "SMALLINT";
        } else if (type instanceof ByteType) {
            return "TINYINT";
        } else if (type instanceof StringType) {
            return "STRING";
        } else if (type instanceof DoubleType) {
            return "DOUBLE";
        } else if (type instanceof FloatType) {
            return "FLOAT";
        } else if (type instanceof BooleanType) {
            return "BOOLEAN";
        } else if (type instanceof BinaryType) {
            return "BINARY";
        } else if (type instanceof DateType) {
            return "DATE";
        } else if (type instanceof TimestampType) {
            return "TIMESTAMP";
        } else if (type instanceof TimestampNTZType) {
            return "TIMESTAMP_NTZ";
        } else if (type instanceof DecimalType d) {
            return "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")";
        } else if (type instanceof ArrayType a) {
            return "ARRAY<" + sql(a.getElementType()) + ">";
        } else if (type instanceof MapType m) {
            return "MAP<" + sql(m.getKeyType()) + "," + sql(m.getValueType()) + ">";
        } else if (type instanceof StructType s) {
            StringBuilder b = new StringBuilder("STRUCT<");
            for (int i = 0; i < s.length(); i++) {
                b.append(i == 0 ? "" : ",").append(s.at(i).getName()).append(':').append(sql(s.at(i).getDataType()));
            }
            return b.append('>').toString();
        }
        return type.toString().toUpperCase(Locale.ROOT);
    }

    /** The {@link Types} constant a column of this type reads as. */
    static int jdbcType(DataType type) {
        if (type instanceof LongType) {
            return Types.BIGINT;
        } else if (type instanceof IntegerType) {
            return Types.INTEGER;
        } else if (type instanceof ShortType) {
            return Types.SMALLINT;
        } else if (type instanceof ByteType) {
            return Types.TINYINT;
        } else if (type instanceof StringType) {
            return Types.VARCHAR;
        } else if (type instanceof DoubleType) {
            return Types.DOUBLE;
        } else if (type instanceof FloatType) {
            return Types.REAL;
        } else if (type instanceof BooleanType) {
            return Types.BOOLEAN;
        } else if (type instanceof BinaryType) {
            return Types.BINARY;
        } else if (type instanceof DateType) {
            return Types.DATE;
        } else if (type instanceof TimestampType) {
            return Types.TIMESTAMP_WITH_TIMEZONE;
        } else if (type instanceof TimestampNTZType) {
            return Types.TIMESTAMP;
        } else if (type instanceof DecimalType) {
            return Types.DECIMAL;
        } else if (type instanceof ArrayType) {
            return Types.ARRAY;
        } else if (type instanceof StructType) {
            return Types.STRUCT;
        }
        return Types.OTHER;
    }

    /** A small recursive-descent reader of type names. */
    private static final class Parser {
        private final String text;
        private final String column;
        private int pos;

        Parser(String text, String column) {
            this.text = text;
            this.column = column;
        }

        SQLException bad() {
            return new SQLException("column '" + column + "': unknown or malformed type '" + text + "'", "22023");
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        String word() throws SQLException {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw bad();
            }
            return text.substring(start, pos);
        }

        void expect(char c) throws SQLException {
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw bad();
            }
            pos++;
        }

        boolean peek(char c) {
            skipSpaces();
            return pos < text.length() && text.charAt(pos) == c;
        }

        int number() throws SQLException {
            try {
                return Integer.parseInt(word());
            } catch (NumberFormatException e) {
                throw bad();
            }
        }

        DataType type() throws SQLException {
            String name = word().toUpperCase(Locale.ROOT);
            switch (name) {
                case "BIGINT": case "LONG": return LongType.LONG;
                case "INT": case "INTEGER": return IntegerType.INTEGER;
                case "SMALLINT": case "SHORT": return ShortType.SHORT;
                case "TINYINT": case "BYTE": return ByteType.BYTE;
                case "STRING": case "VARCHAR": case "CHAR": return varchar();
                case "DOUBLE": return DoubleType.DOUBLE;
                case "FLOAT": case "REAL": return FloatType.FLOAT;
                case "BOOLEAN": return BooleanType.BOOLEAN;
                case "BINARY": return BinaryType.BINARY;
                case "DATE": return DateType.DATE;
                case "TIMESTAMP": case "TIMESTAMP_LTZ": return TimestampType.TIMESTAMP;
                case "TIMESTAMP_NTZ": return TimestampNTZType.TIMESTAMP_NTZ;
                case "DECIMAL": case "DEC": case "NUMERIC": return decimal();
                case "ARRAY": {
                    expect('<');
                    DataType element = type();
                    expect('>');
                    return new ArrayType(element, true);
                }
                case "MAP": {
                    expect('<');
                    DataType key = type();
                    expect(',');
                    DataType value = type();
                    expect('>');
                    return new MapType(key, value, true);
                }
                case "STRUCT": {
                    expect('<');
                    StructType struct = new StructType();
                    do {
                        String field = word();
                        expect(':');
                        struct = struct.add(field, type(), true);
                    } while (nextField());
                    expect('>');
                    return struct;
                }
                default:
                    throw bad();
            }
        }

        private boolean nextField() {
            if (peek(',')) {
                pos++;
                return true;
            }
            return false;
        }

        private DataType varchar() throws SQLException {
            if (peek('(')) {
                pos++;
                number();
                expect(')');
            }
            return StringType.STRING;
        }

        private DataType decimal() throws SQLException {
            if (!peek('(')) {
                return new DecimalType(10, 0);
            }
            pos++;
            int precision = number();
            int scale = 0;
            if (peek(',')) {
                pos++;
                scale = number();
            }
            expect(')');
            if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                throw bad();
            }
            return new DecimalType(precision, scale);
        }
    }
}
