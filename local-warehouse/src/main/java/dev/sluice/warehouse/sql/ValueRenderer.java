package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import dev.sluice.warehouse.http.Json;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.util.IntervalStringStyles$;
import org.apache.spark.sql.catalyst.util.IntervalUtils;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DayTimeIntervalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.YearMonthIntervalType;
import org.apache.spark.unsafe.types.VariantVal;
import scala.collection.Iterator;

/**
 * Renders external Row values (java8 datetime API) as the strings of JSON_ARRAY and CSV results:
 * timestamps ISO-8601 with milliseconds (more digits when present) and the session offset, binary as
 * base64, complex values as JSON text, intervals as Spark's ANSI rendering.
 */
final class ValueRenderer {

    private static final DateTimeFormatter TS_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter TS_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");

    private final ZoneId zone;

    ValueRenderer(ZoneId zone) {
        this.zone = zone;
    }

    /** The string of one top-level cell, or null for SQL NULL. */
    String render(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) return s;
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof byte[] b) return Base64.getEncoder().encodeToString(b);
        if (v instanceof Instant i) return timestamp(i);
        if (v instanceof LocalDateTime t) return localDateTime(t);
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof LocalTime t) return t.toString();
        if (v instanceof Period p && type instanceof YearMonthIntervalType ym) {
            return IntervalUtils.toYearMonthIntervalString((int) p.toTotalMonths(),
                    IntervalStringStyles$.MODULE$.ANSI_STYLE(), ym.startField(), ym.endField());
        }
        if (v instanceof Duration d && type instanceof DayTimeIntervalType dt) {
            long micros = Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
            return IntervalUtils.toDayTimeIntervalString(micros,
                    IntervalStringStyles$.MODULE$.ANSI_STYLE(), dt.startField(), dt.endField());
        }
        if (v instanceof VariantVal vv) return vv.toJson(zone);
        if (type instanceof ArrayType || type instanceof MapType || type instanceof StructType) {
            return json(v, type);
        }
        return v.toString();
    }

    String timestamp(Instant i) {
        var zdt = i.atZone(zone);
        String base = (zdt.getNano() % 1_000_000 == 0 ? TS_MILLIS : TS_MICROS).format(zdt);
        return base + OFFSET.format(zdt);
    }

    static String localDateTime(LocalDateTime t) {
        return (t.getNano() % 1_000_000 == 0 ? TS_MILLIS : TS_MICROS).format(t);
    }

    private String json(Object v, DataType type) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
            writeJson(g, v, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render a complex value", e);
        }
        return w.toString();
    }

    private void writeJson(JsonGenerator g, Object v, DataType type) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (type instanceof ArrayType a) {
            g.writeStartArray();
            Iterator<?> it = ((scala.collection.Iterable<?>) v).iterator();
            while (it.hasNext()) {
                writeJson(g, it.next(), a.elementType());
            }
            g.writeEndArray();
        } else if (type instanceof MapType m) {
            g.writeStartObject();
            Iterator<?> it = ((scala.collection.Map<?, ?>) v).iterator();
            while (it.hasNext()) {
                scala.Tuple2<?, ?> e = (scala.Tuple2<?, ?>) it.next();
                g.writeFieldName(String.valueOf(render(e._1(), m.keyType())));
                writeJson(g, e._2(), m.valueType());
            }
            g.writeEndObject();
        } else if (type instanceof StructType s) {
            Row r = (Row) v;
            g.writeStartObject();
            StructField[] fields = s.fields();
            for (int i = 0; i < fields.length; i++) {
                g.writeFieldName(fields[i].name());
                writeJson(g, r.isNullAt(i) ? null : r.get(i), fields[i].dataType());
            }
            g.writeEndObject();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Number n && !(v instanceof Float f && f.isNaN()) && !(v instanceof Double d && d.isNaN())) {
            g.writeNumber(n.toString());
        } else if (v instanceof VariantVal vv) {
            g.writeRawValue(vv.toJson(zone));
        } else {
            g.writeString(render(v, type));
        }
    }
}
