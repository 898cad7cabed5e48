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
     * Sluice with the byte budget it defaulted to before issue 12 (a quarter of the heap, 16 to 256 MiB), set
     * through ResultBufferBytes, to show the effect of the default in the same run; only when asked for with
     * --readers.
     */
    SLUICE_OLD_BUDGET("sluice-old", "sluice.txt", true),
    /**
     * Sluice built from another commit, to compare two versions of the driver in one run: its class path is
     * {@code target/classpath/sluice-base.txt}, written by hand (sluice.txt with the other driver jar); only when
     * asked for with --readers.
     */
    SLUICE_BASE("sluice-base", "sluice-base.txt", true),
    /**
     * No driver: a JVM that makes one session POST through HttpURLConnection to the same server and reports, the
     * floor of the cold-start figure; reads no rows. Only when asked for with --readers.
     */
    FLOOR("floor", "ceiling.txt", false);

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

    /** What this reader adds to the JDBC URL that both drivers get, in a JVM of {@code heap} (an -Xmx value). */
    String urlSuffix(String heap) {
        if (this != SLUICE_OLD_BUDGET) {
            return "";
        }
        long budget = Math.max(16L << 20, Math.min(256L << 20, heapBytes(heap) / 4));
        return ";ResultBufferBytes=" + budget;
    }

    /** Bytes of an -Xmx value such as 64m or 2g. */
    static long heapBytes(String heap) {
        String h = heap.toLowerCase(java.util.Locale.ROOT);
        int shift = switch (h.charAt(h.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? h : h.substring(0, h.length() - 1)) << shift;
    }

    boolean isSluice() {
        return this == SLUICE || this == SLUICE_OLD_BUDGET || this == SLUICE_BASE;
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
                "unknown reader '" + label + "': expected sluice, official, arrow-net, arrow-mem, sluice-old,"
                        + " sluice-base or floor");
    }
}
