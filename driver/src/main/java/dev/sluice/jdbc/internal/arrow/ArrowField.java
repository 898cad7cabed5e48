package dev.sluice.jdbc.internal.arrow;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One field of an Arrow schema, copied out of the flatbuffer once per chunk so batches do not walk the
 * flatbuffer again. Type parameters live in the generic slots below; which ones are set depends on
 * {@link #typeId()} (an {@code org.apache.arrow.flatbuf.Type} constant).
 *
 * @param name field name
 * @param nullable whether the field may hold nulls
 * @param typeId {@code org.apache.arrow.flatbuf.Type} of the field (the value type when dictionary-encoded)
 * @param bitWidth Int, Time and Decimal bit width
 * @param signed Int signedness
 * @param precision FloatingPoint precision ({@code Precision}) or Decimal precision
 * @param scale Decimal scale
 * @param unit DateUnit, TimeUnit or IntervalUnit of Date, Time, Timestamp, Duration and Interval
 * @param timezone Timestamp time zone, null when the vector has none
 * @param width FixedSizeBinary byte width or FixedSizeList list size
 * @param children child fields of nested types
 * @param metadata custom metadata (e.g. {@code Spark:DataType:SqlName})
 * @param dictionary dictionary encoding, or null
 */
public record ArrowField(String name, boolean nullable, byte typeId, int bitWidth, boolean signed, int precision,
                         int scale, short unit, String timezone, int width, List<ArrowField> children,
                         Map<String, String> metadata, Dictionary dictionary) {
    public ArrowField {
        Objects.requireNonNull(name, "name is null");
        children = List.copyOf(children);
        metadata = Map.copyOf(metadata);
    }

    /**
     * Dictionary encoding of a field.
     *
     * @param id the dictionary id dictionary batches refer to
     * @param indexBitWidth width of the index integers
     * @param indexSigned signedness of the index integers
     */
    public record Dictionary(long id, int indexBitWidth, boolean indexSigned) {
    }

    /** This field without its dictionary encoding: the shape of the dictionary's values. */
    ArrowField withoutDictionary() {
        return new ArrowField(name, nullable, typeId, bitWidth, signed, precision, scale, unit, timezone, width,
                children, metadata, null);
    }

    /** The Arrow type's name for messages ({@code Int}, {@code Utf8}, ...). */
    String typeName() {
        return org.apache.arrow.flatbuf.Type.name(typeId);
    }
}
