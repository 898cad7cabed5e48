package dev.sluice.jdbc.internal.client;

/** The {@code result_compression} of chunk payloads (a connector extension of the protocol). */
public enum ResultCompression {
    NONE,
    /** Each Arrow chunk (external file or attachment) is wrapped in LZ4 frame(s) as a whole. */
    LZ4_FRAME,
    /** A manifest value this driver does not know; never sent. */
    UNKNOWN;

    /** The compression for a wire value; {@link #NONE} when absent, {@link #UNKNOWN} when not known. */
    public static ResultCompression fromWire(String value) {
        if (value == null) {
            return NONE;
        }
        for (ResultCompression compression : values()) {
            if (compression != UNKNOWN && compression.name().equals(value)) {
                return compression;
            }
        }
        return UNKNOWN;
    }
}
