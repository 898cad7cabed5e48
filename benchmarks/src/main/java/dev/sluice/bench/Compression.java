package dev.sluice.bench;

/** How chunk bytes travel: as Arrow IPC, or as Arrow IPC inside one LZ4 frame. */
enum Compression {
    NONE("none", "NONE", "0"),
    LZ4("lz4", "LZ4_FRAME", "1");

    private final String label;
    private final String wireName;
    private final String urlFlag;

    Compression(String label, String wireName, String urlFlag) {
        this.label = label;
        this.wireName = wireName;
        this.urlFlag = urlFlag;
    }

    /** Short name used in the output, in file links and on the command line. */
    String label() {
        return label;
    }

    /** The {@code result_compression} value of the Statement Execution API. */
    String wireName() {
        return wireName;
    }

    /** The value of {@code EnableQueryResultLZ4Compression} in the JDBC URL. */
    String urlFlag() {
        return urlFlag;
    }

    static Compression ofLabel(String label) {
        for (Compression c : values()) {
            if (c.label.equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + label + "': expected none or lz4");
    }

    static Compression ofWireName(String wireName) {
        return LZ4.wireName.equals(wireName) ? LZ4 : NONE;
    }
}
