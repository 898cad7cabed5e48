package dev.sluice.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The driver's version, read from the build. */
public final class Version {
    /** Full version text, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String TEXT;
    public static final int MAJOR;
    public static final int MINOR;

    static {
        String v = "0.0.0";
        try (InputStream in = Version.class.getResourceAsStream("/dev/sluice/jdbc/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                v = p.getProperty("version", v);
            }
        } catch (IOException e) {
            // keep the fallback: a missing resource must not stop the driver from loading
        }
        TEXT = v;
        String[] parts = v.split("[.-]");
        MAJOR = parseOrZero(parts, 0);
        MINOR = parseOrZero(parts, 1);
    }

    private Version() {
    }

    private static int parseOrZero(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
