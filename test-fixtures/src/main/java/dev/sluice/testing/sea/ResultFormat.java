package dev.sluice.testing.sea;

/** The {@code format} of a result, as in the request and the manifest. */
public enum ResultFormat {
    /** Rows as arrays of strings; inline {@code data_array} or compact JSON files. */
    JSON_ARRAY,
    /** One complete Arrow IPC stream per chunk; inline {@code attachment} or external files. */
    ARROW_STREAM,
    /** RFC 4180 files, external links only. */
    CSV
}
