package dev.sluice.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
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
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Java values to and from Kernel's column vectors. Written values are first made canonical (one Java class per
 * Delta type: dates as epoch days, timestamps as epoch microseconds, decimals at the column's scale, structs as
 * arrays by field position), so a value that does not fit fails before anything is written, naming its column.
 */
final class Values {
    private static final Instant EPOCH = Instant.EPOCH;

    private Values() {
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** The value at {@code row} as the Java object users get: Long, String, BigDecimal, Instant, LocalDate, ... */
    static Object read(ColumnVector v, int row) {
        if (v.isNullAt(row)) {
            return null;
        }
        DataType t = v.getDataType();
        if (t instanceof LongType) {
            return v.getLong(row);
        } else if (t instanceof IntegerType) {
            return v.getInt(row);
        } else if (t instanceof ShortType) {
            return v.getShort(row);
        } else if (t instanceof ByteType) {
            return v.getByte(row);
        } else if (t instanceof StringType) {
            return v.getString(row);
        } else if (t instanceof DoubleType) {
            return v.getDouble(row);
        } else if (t instanceof FloatType) {
            return v.getFloat(row);
        } else if (t instanceof BooleanType) {
            return v.getBoolean(row);
        } else if (t instanceof BinaryType) {
            return v.getBinary(row);
        } else if (t instanceof DecimalType) {
            return v.getDecimal(row);
        } else if (t instanceof DateType) {
            return LocalDate.ofEpochDay(v.getInt(row));
        } else if (t instanceof TimestampType) {
            return EPOCH.plus(v.getLong(row), ChronoUnit.MICROS);
        } else if (t instanceof TimestampNTZType) {
            return LocalDateTime.ofInstant(EPOCH.plus(v.getLong(row), ChronoUnit.MICROS), ZoneOffset.UTC);
        } else if (t instanceof ArrayType) {
            ArrayValue a = v.getArray(row);
            List<Object> list = new ArrayList<>(a.getSize());
            ColumnVector elements = a.getElements();
            for (int i = 0; i < a.getSize(); i++) {
                list.add(read(elements, i));
            }
            return list;
        } else if (t instanceof MapType) {
            MapValue m = v.getMap(row);
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < m.getSize(); i++) {
                map.put(read(m.getKeys(), i), read(m.getValues(), i));
            }
            return map;
        } else if (t instanceof StructType s) {
            Map<String, Object> struct = new LinkedHashMap<>();
            for (int i = 0; i < s.length(); i++) {
                struct.put(s.at(i).getName(), read(v.getChild(i), row));
            }
            return struct;
        }
        throw new IllegalStateException("type " + t + " cannot be read");
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** The canonical form of {@code value} for a column of {@code type}; 22023 naming the column when it does not fit. */
    static Object canonical(DataType t, Object value, String column) throws SQLException {
        if (value == null) {
            return null;
        }
        try {
            if (t instanceof LongType) {
                return integral(value, Long.MIN_VALUE, Long.MAX_VALUE, column, t);
            } else if (t instanceof IntegerType) {
                return (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, column, t);
            } else if (t instanceof ShortType) {
                return (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE, column, t);
            } else if (t instanceof ByteType) {
                return (byte) integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE, column, t);
            } else if (t instanceof StringType) {
                if (value instanceof CharSequence || value instanceof Character) {
                    return value.toString();
                }
            } else if (t instanceof DoubleType) {
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
            } else if (t instanceof FloatType) {
                if (value instanceof Number n) {
                    return n.floatValue();
                }
            } else if (t instanceof BooleanType) {
                if (value instanceof Boolean) {
                    return value;
                }
            } else if (t instanceof BinaryType) {
                if (value instanceof byte[]) {
                    return value;
                }
            } else if (t instanceof DecimalType d) {
                return decimal(value, d, column);
            } else if (t instanceof DateType) {
                if (value instanceof LocalDate date) {
                    return (int) date.toEpochDay();
                } else if (value instanceof java.sql.Date date) {
                    return (int) date.toLocalDate().toEpochDay();
                }
            } else if (t instanceof TimestampType) {
                Instant instant = instant(value);
                if (instant != null) {
                    return ChronoUnit.MICROS.between(EPOCH, instant);
                }
            } else if (t instanceof TimestampNTZType) {
                LocalDateTime local = value instanceof LocalDateTime l ? l
                        : value instanceof Timestamp ts ? ts.toLocalDateTime() : null;
                if (local != null) {
                    return ChronoUnit.MICROS.between(EPOCH, local.toInstant(ZoneOffset.UTC));
                }
            } else if (t instanceof ArrayType a && value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    out.add(canonical(a.getElementType(), item, column + "[]"));
                }
                return out;
            } else if (t instanceof MapType m && value instanceof Map<?, ?> map) {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getKey() == null) {
                        throw new SQLException("column '" + column + "': a map key is null", "22004");
                    }
                    out.put(canonical(m.getKeyType(), e.getKey(), column + " key"),
                            canonical(m.getValueType(), e.getValue(), column + " value"));
                }
                return out;
            } else if (t instanceof StructType s) {
                return struct(s, value, column);
            }
        } catch (ArithmeticException e) {
            throw mismatch(column, t, value);
        }
        throw mismatch(column, t, value);
    }

    private static long integral(Object value, long min, long max, String column, DataType t) throws SQLException {
        long n;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            n = ((Number) value).longValue();
        } else if (value instanceof java.math.BigInteger b) {
            n = b.longValueExact();
        } else if (value instanceof BigDecimal b) {
            n = b.longValueExact();
        } else {
            throw mismatch(column, t, value);
        }
        if (n < min || n > max) {
            throw new SQLException("column '" + column + "': " + n + " is out of range for " + DeltaTypes.sql(t),
                    "22003");
        }
        return n;
    }

    private static BigDecimal decimal(Object value, DecimalType d, String column) throws SQLException {
        BigDecimal b;
        if (value instanceof BigDecimal big) {
            b = big;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            b = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof java.math.BigInteger i) {
            b = new BigDecimal(i);
        } else {
            throw mismatch(column, d, value);
        }
        BigDecimal scaled;
        try {
            scaled = b.setScale(d.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new SQLException("column '" + column + "': " + b.toPlainString() + " has more than "
                    + d.getScale() + " decimal places for " + DeltaTypes.sql(d), "22003");
        }
        if (scaled.precision() > d.getPrecision()) {
            throw new SQLException("column '" + column + "': " + b.toPlainString() + " does not fit "
                    + DeltaTypes.sql(d), "22003");
        }
        return scaled;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        } else if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        } else if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return null;
    }

    private static Object[] struct(StructType s, Object value, String column) throws SQLException {
        Object[] out = new Object[s.length()];
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (s.indexOf(String.valueOf(key)) < 0) {
                    throw new SQLException("column '" + column + "': the struct has no field '" + key + "'", "22023");
                }
            }
            for (int i = 0; i < s.length(); i++) {
                String field = s.at(i).getName();
                out[i] = canonical(s.at(i).getDataType(), map.get(field), column + "." + field);
            }
            return out;
        }
        List<?> fields = value instanceof Object[] array ? List.of(array) : value instanceof List<?> l ? l : null;
        if (fields == null || fields.size() != s.length()) {
            throw mismatch(column, s, value);
        }
        for (int i = 0; i < s.length(); i++) {
            out[i] = canonical(s.at(i).getDataType(), fields.get(i), column + "." + s.at(i).getName());
        }
        return out;
    }

    private static SQLException mismatch(String column, DataType t, Object value) {
        return new SQLException("column '" + column + "': a " + value.getClass().getSimpleName()
                + " cannot be written to " + DeltaTypes.sql(t), "22023");
    }

    /** A column vector over canonical values (see {@link #canonical}). */
    static final class ValueVector implements ColumnVector {
        private final DataType type;
        private final List<Object> values;

        ValueVector(DataType type, List<Object> values) {
            this.type = type;
            this.values = values;
        }

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return values.size();
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isNullAt(int row) {
            return values.get(row) == null;
        }

        @Override
        public boolean getBoolean(int row) {
            return (Boolean) values.get(row);
        }

        @Override
        public byte getByte(int row) {
            return (Byte) values.get(row);
        }

        @Override
        public short getShort(int row) {
            return (Short) values.get(row);
        }

        @Override
        public int getInt(int row) {
            return (Integer) values.get(row);
        }

        @Override
        public long getLong(int row) {
            return (Long) values.get(row);
        }

        @Override
        public float getFloat(int row) {
            return (Float) values.get(row);
        }

        @Override
        public double getDouble(int row) {
            return (Double) values.get(row);
        }

        @Override
        public byte[] getBinary(int row) {
            return (byte[]) values.get(row);
        }

        @Override
        public String getString(int row) {
            return (String) values.get(row);
        }

        @Override
        public BigDecimal getDecimal(int row) {
            return (BigDecimal) values.get(row);
        }

        @Override
        public ArrayValue getArray(int row) {
            List<?> list = (List<?>) values.get(row);
            ValueVector elements = new ValueVector(((ArrayType) type).getElementType(), new ArrayList<>(list));
            return new ArrayValue() {
                @Override
                public int getSize() {
                    return list.size();
                }

                @Override
                public ColumnVector getElements() {
                    return elements;
                }
            };
        }

        @Override
        public MapValue getMap(int row) {
            Map<?, ?> map = (Map<?, ?>) values.get(row);
            MapType m = (MapType) type;
            ValueVector keys = new ValueVector(m.getKeyType(), new ArrayList<>(map.keySet()));
            ValueVector vals = new ValueVector(m.getValueType(), new ArrayList<>(map.values()));
            return new MapValue() {
                @Override
                public int getSize() {
                    return map.size();
                }

                @Override
                public ColumnVector getKeys() {
                    return keys;
                }

                @Override
                public ColumnVector getValues() {
                    return vals;
                }
            };
        }

        @Override
        public ColumnVector getChild(int ordinal) {
            StructType s = (StructType) type;
            List<Object> child = new ArrayList<>(values.size());
            for (Object v : values) {
                child.add(v == null ? null : ((Object[]) v)[ordinal]);
            }
            return new ValueVector(s.at(ordinal).getDataType(), child);
        }
    }
}
