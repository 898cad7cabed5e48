package dev.sluice.jdbc.internal.client;

/** The {@code format} of a statement result, as requested and as echoed in the manifest. */
public enum ResultFormat {
    JSON_ARRAY,
    ARROW_STREAM,
    CSV,
    /** A manifest value this driver does not know; never sent. */
    UNKNOWN;

    /** The format for a wire value; {@link #UNKNOWN} for values this driver does not know. */
    public static ResultFormat fromWire(String value) {
        for (ResultFormat format : values()) {
            if (format != UNKNOWN && format.name().equals(value)) {
                return format;
            }
        }
        return UNKNOWN;
    }
}
