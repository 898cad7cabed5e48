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
    ARROW_MEM("arrow-mem", "ceiling.txt", false);

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
                "unknown reader '" + label + "': expected sluice, official, arrow-net or arrow-mem");
    }
}
