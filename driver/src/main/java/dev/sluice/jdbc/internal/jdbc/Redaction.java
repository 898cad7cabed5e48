package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.config.ConnectionProperty;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes secret values from URLs before they are shown anywhere. */
final class Redaction {
    private static final Pattern PAIR = Pattern.compile("([;?&])([^=;]+)=(\\{[^}]*}|[^;]*)");

    private Redaction() {
    }

    /** The URL with the value of every secret property and every http.header.* replaced. */
    static String url(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = PAIR.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(2).trim();
            ConnectionProperty p = ConnectionProperty.forKey(key);
            boolean secret = (p != null && p.isSecret())
                    || key.regionMatches(true, 0, ConnectionProperty.HTTP_HEADER_PREFIX, 0,
                    ConnectionProperty.HTTP_HEADER_PREFIX.length());
            String replacement = secret ? m.group(1) + m.group(2) + "=<redacted>" : m.group(0);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
