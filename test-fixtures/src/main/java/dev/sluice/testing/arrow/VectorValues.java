package dev.sluice.testing.arrow;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Writes one Java value into one arrow-java vector slot, for every vector type the driver reads. Accepted
 * values: numbers for numeric vectors, String for text, byte[] for binary, BigDecimal for decimals,
 * LocalDate / LocalTime / Instant (zoned timestamps) / LocalDateTime (zone-less timestamps, written as
 * UTC wall clock) / Duration / Period / PeriodDuration for temporal vectors, or a Number for the raw
 * stored value; java.util.List for lists; java.util.Map for maps (entries in iteration order) and for
 * structs (by field name); null for NULL.
 */
final class VectorValues {
    private VectorValues() {
    }

    static void set(FieldVector v, int i, Object value) {
        if (value == null) {
            if (!(v instanceof NullVector)) {
                v.setNull(i);
            }
            return;
        }
        if (v instanceof MapVector) {
            setMap((MapVector) v, i, (Map<?, ?>) value);
        } else if (v instanceof ListVector) {
            setList((ListVector) v, i, (List<?>) value);
        } else if (v instanceof LargeListVector) {
            setLargeList((LargeListVector) v, i, (List<?>) value);
        } else if (v instanceof FixedSizeListVector) {
            setFixedSizeList((FixedSizeListVector) v, i, (List<?>) value);
        } else if (v instanceof StructVector) {
            setStruct((StructVector) v, i, (Map<?, ?>) value);
        } else if (v instanceof BaseFixedWidthVector) {
            setFixedWidth((BaseFixedWidthVector) v, i, value);
        } else {
            setVariableWidth(v, i, value);
        }
    }

    private static void setVariableWidth(FieldVector v, int i, Object value) {
        if (v instanceof VarCharVector) {
            ((VarCharVector) v).setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof LargeVarCharVector) {
            ((LargeVarCharVector) v).setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof VarBinaryVector) {
            ((VarBinaryVector) v).setSafe(i, (byte[]) value);
        } else if (v instanceof LargeVarBinaryVector) {
            ((LargeVarBinaryVector) v).setSafe(i, (byte[]) value);
        } else {
            throw new IllegalArgumentException("cannot write " + value + " into " + v.getClass().getSimpleName());
        }
    }

    private static void setFixedWidth(BaseFixedWidthVector v, int i, Object value) {
        if (v instanceof BigIntVector) {
            ((BigIntVector) v).setSafe(i, ((Number) value).longValue());
        } else if (v instanceof IntVector) {
            ((IntVector) v).setSafe(i, ((Number) value).intValue());
        } else if (v instanceof SmallIntVector) {
            ((SmallIntVector) v).setSafe(i, ((Number) value).shortValue());
        } else if (v instanceof TinyIntVector) {
            ((TinyIntVector) v).setSafe(i, ((Number) value).byteValue());
        } else if (v instanceof BitVector) {
            ((BitVector) v).setSafe(i, (Boolean) value ? 1 : 0);
        } else if (v instanceof Float8Vector) {
            ((Float8Vector) v).setSafe(i, ((Number) value).doubleValue());
        } else if (v instanceof Float4Vector) {
            ((Float4Vector) v).setSafe(i, ((Number) value).floatValue());
        } else if (v instanceof Float2Vector) {
            ((Float2Vector) v).setSafeWithPossibleTruncate(i, ((Number) value).floatValue());
        } else if (v instanceof DecimalVector) {
            ((DecimalVector) v).setSafe(i, (BigDecimal) value);
        } else if (v instanceof Decimal256Vector) {
            ((Decimal256Vector) v).setSafe(i, (BigDecimal) value);
        } else if (v instanceof FixedSizeBinaryVector) {
            ((FixedSizeBinaryVector) v).setSafe(i, (byte[]) value);
        } else if (!setUnsigned(v, i, value) && !setTemporal(v, i, value)) {
            throw new IllegalArgumentException("cannot write " + value + " into " + v.getClass().getSimpleName());
        }
    }

    private static boolean setUnsigned(BaseFixedWidthVector v, int i, Object value) {
        long n = value instanceof Number ? ((Number) value).longValue() : 0;
        if (v instanceof UInt1Vector) {
            ((UInt1Vector) v).setSafe(i, (int) n);
        } else if (v instanceof UInt2Vector) {
            ((UInt2Vector) v).setSafe(i, (int) n);
        } else if (v instanceof UInt4Vector) {
            ((UInt4Vector) v).setSafe(i, (int) n);
        } else if (v instanceof UInt8Vector) {
            ((UInt8Vector) v).setSafe(i, n);
        } else {
            return false;
        }
        return true;
    }

    private static boolean setTemporal(BaseFixedWidthVector v, int i, Object value) {
        ArrowType type = v.getField().getType();
        if (v instanceof DateDayVector) {
            ((DateDayVector) v).setSafe(i, value instanceof LocalDate
                    ? (int) ((LocalDate) value).toEpochDay() : ((Number) value).intValue());
        } else if (v instanceof DateMilliVector) {
            ((DateMilliVector) v).setSafe(i, value instanceof LocalDate
                    ? ((LocalDate) value).toEpochDay() * 86_400_000L : ((Number) value).longValue());
        } else if (v instanceof TimeStampVector) {
            ((TimeStampVector) v).setSafe(i, timestamp(value, ((ArrowType.Timestamp) type).getUnit()));
        } else if (v instanceof TimeSecVector) {
            ((TimeSecVector) v).setSafe(i, (int) timeOfDay(value, TimeUnit.SECOND));
        } else if (v instanceof TimeMilliVector) {
            ((TimeMilliVector) v).setSafe(i, (int) timeOfDay(value, TimeUnit.MILLISECOND));
        } else if (v instanceof TimeMicroVector) {
            ((TimeMicroVector) v).setSafe(i, timeOfDay(value, TimeUnit.MICROSECOND));
        } else if (v instanceof TimeNanoVector) {
            ((TimeNanoVector) v).setSafe(i, timeOfDay(value, TimeUnit.NANOSECOND));
        } else {
            return setInterval(v, i, value, type);
        }
        return true;
    }

    private static boolean setInterval(BaseFixedWidthVector v, int i, Object value, ArrowType type) {
        if (v instanceof DurationVector) {
            TimeUnit unit = ((ArrowType.Duration) type).getUnit();
            ((DurationVector) v).setSafe(i, value instanceof Duration
                    ? units((Duration) value, unit) : ((Number) value).longValue());
        } else if (v instanceof IntervalYearVector) {
            ((IntervalYearVector) v).setSafe(i, value instanceof Period
                    ? (int) ((Period) value).toTotalMonths() : ((Number) value).intValue());
        } else if (v instanceof IntervalDayVector) {
            Duration d = (Duration) value;
            ((IntervalDayVector) v).setSafe(i, (int) d.toDays(), (int) d.minusDays(d.toDays()).toMillis());
        } else if (v instanceof IntervalMonthDayNanoVector) {
            PeriodDuration pd = (PeriodDuration) value;
            ((IntervalMonthDayNanoVector) v).setSafe(i, (int) pd.getPeriod().toTotalMonths(),
                    pd.getPeriod().getDays(), pd.getDuration().toNanos());
        } else {
            return false;
        }
        return true;
    }

    /** Instants and zone-less wall clocks (as UTC) to a count of {@code unit} since the epoch. */
    static long timestamp(Object value, TimeUnit unit) {
        Instant instant;
        if (value instanceof Instant) {
            instant = (Instant) value;
        } else if (value instanceof LocalDateTime) {
            instant = ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
        } else {
            return ((Number) value).longValue();
        }
        return units(Duration.between(Instant.EPOCH, instant), unit);
    }

    private static long timeOfDay(Object value, TimeUnit unit) {
        if (value instanceof LocalTime) {
            return units(Duration.ofNanos(((LocalTime) value).toNanoOfDay()), unit);
        }
        return ((Number) value).longValue();
    }

    private static long units(Duration d, TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return d.getSeconds();
            case MILLISECOND:
                return Math.floorDiv(d.getSeconds() * 1_000_000_000L + d.getNano(), 1_000_000L);
            case MICROSECOND:
                return d.getSeconds() * 1_000_000L + d.getNano() / 1_000;
            default:
                return d.getSeconds() * 1_000_000_000L + d.getNano();
        }
    }

    private static void setList(ListVector v, int i, List<?> values) {
        int start = v.startNewValue(i);
        FieldVector data = v.getDataVector();
        for (int k = 0; k < values.size(); k++) {
            set(data, start + k, values.get(k));
        }
        v.endValue(i, values.size());
    }

    private static void setLargeList(LargeListVector v, int i, List<?> values) {
        long start = v.startNewValue(i);
        FieldVector data = (FieldVector) v.getDataVector();
        for (int k = 0; k < values.size(); k++) {
            set(data, Math.toIntExact(start + k), values.get(k));
        }
        v.endValue(i, values.size());
    }

    private static void setFixedSizeList(FixedSizeListVector v, int i, List<?> values) {
        int start = v.startNewValue(i);
        FieldVector data = (FieldVector) v.getDataVector();
        for (int k = 0; k < values.size(); k++) {
            set(data, start + k, values.get(k));
        }
    }

    private static void setMap(MapVector v, int i, Map<?, ?> entries) {
        int start = v.startNewValue(i);
        StructVector struct = (StructVector) v.getDataVector();
        FieldVector keys = (FieldVector) struct.getChildByOrdinal(0);
        FieldVector values = (FieldVector) struct.getChildByOrdinal(1);
        int k = 0;
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            struct.setIndexDefined(start + k);
            set(keys, start + k, e.getKey());
            set(values, start + k, e.getValue());
            k++;
        }
        v.endValue(i, entries.size());
    }

    private static void setStruct(StructVector v, int i, Map<?, ?> fields) {
        v.setIndexDefined(i);
        for (FieldVector child : v.getChildrenFromFields()) {
            set(child, i, fields.get(child.getName()));
        }
    }
}
