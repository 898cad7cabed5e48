package dev.sluice.jdbc.internal.client;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that came from a server or the network stack before it goes into an exception
 * message or a log line: bearer/basic credentials, Databricks tokens, JWTs, URL query strings (pre-signed URLs
 * carry their signature there) and signature-like query parameters.
 */
final class Redaction {
    static final String MASK = "***";
    private static final int MAX_LENGTH = 2000;

    private static final Pattern AUTH_SCHEME =
            Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern DATABRICKS_TOKEN = Pattern.compile("\\b(dapi|dkea|dose)[0-9a-fA-F]{16,}(-\\d+)?");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern URL_QUERY = Pattern.compile("(?i)\\b(https?://[^\\s?#\"'<>]*)\\?[^\\s\"'<>]*");
    private static final Pattern SIGNED_PARAM = Pattern.compile("(?i)\\b(x-amz-signature|x-amz-credential"
            + "|x-amz-security-token|x-goog-signature|x-goog-credential|signature|sig|access_token|refresh_token"
            + "|client_secret|token)=[^&\\s\"'<>]+");

    private Redaction() {
    }

    /** The text with credentials masked and cut to a readable length; null stays null. */
    static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
        out = URL_QUERY.matcher(out).replaceAll("$1?" + MASK);
        out = AUTH_SCHEME.matcher(out).replaceAll("$1 " + MASK);
        out = DATABRICKS_TOKEN.matcher(out).replaceAll("$1" + MASK);
        out = JWT.matcher(out).replaceAll(MASK);
        return SIGNED_PARAM.matcher(out).replaceAll("$1=" + MASK);
    }
}
