package dev.sluice.bench;

/** Who reads the result in a child JVM. */
enum Reader {
    /** Sluice through JDBC, with sluice-jdbc and its dependencies only. */
    SLUICE("sluice", "sluice.txt", true),
    /** The official Databricks driver through JDBC, with its jar only. */
    OFFICIAL("official", "official.txt", true),
    /** arrow-java decoding each chunk right after downloading it from the same server: the ceiling over the wire. */
    ARROW_NET("arrow-net", "ceiling.txt", false),
    /** arrow-java decoding chunks already in memory: the decode ceiling. */
    ARROW_MEM("arrow-mem", "ceiling.txt", false),
    /**
     * Sluice with the byte budget it defaulted to before issue 12 at heaps of 1 GiB and more (256 MiB), to show
     * the effect of the budget in the same run; only when asked for with --readers.
     */
    SLUICE_B256("sluice-b256", "sluice.txt", true);

    /** The readers of a run without --readers. */
    static final java.util.List<Reader> DEFAULT = java.util.List.of(SLUICE, OFFICIAL, ARROW_NET, ARROW_MEM);

    private final String label;
    private final String classpathFile;
    private final boolean jdbc;

    Reader(String label, String classpathFile, boolean jdbc) {
        this.label = label;
        this.classpathFile = classpathFile;
        this.jdbc = jdbc;
    }

    String label() {
        return label;
    }

    String classpathFile() {
        return classpathFile;
    }

    /** What this reader adds to the JDBC URL that both drivers get. */
    String urlSuffix() {
        return this == SLUICE_B256 ? ";ResultBufferBytes=268435456" : "";
    }

    boolean isSluice() {
        return this == SLUICE || this == SLUICE_B256;
    }

    boolean isJdbc() {
        return jdbc;
    }

    static Reader ofLabel(String label) {
        for (Reader r : values()) {
            if (r.label.equalsIgnoreCase(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown reader '" + label + "': expected sluice, official, arrow-net, arrow-mem or sluice-b256");
    }
}
