package dev.sluice.testing.sea;

/**
 * Whether the server LZ4-frames the byte payloads of a result (Arrow attachments and downloaded files).
 *
 * <p>Compression is whole-payload LZ4 <em>frame</em>, as Databricks does it (protocol.md §1.9); inline
 * JSON rows are never compressed.
 */
public enum Compression {
    /** Never compress. The manifest says {@code "NONE"} when the request named a codec, else omits it. */
    NONE,
    /** Always LZ4-frame the payloads and answer {@code result_compression: "LZ4_FRAME"}. */
    LZ4_FRAME,
    /** LZ4-frame exactly when the request carried {@code result_compression: "LZ4_FRAME"} (the default). */
    AS_REQUESTED
}
