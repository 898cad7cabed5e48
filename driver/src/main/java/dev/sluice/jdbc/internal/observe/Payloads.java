package dev.sluice.jdbc.internal.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TRACE logging of REST request and response bodies, redacted. What is removed, and why:
 * <ul>
 *   <li>credentials: {@code access_token}, {@code refresh_token}, {@code id_token}, {@code client_secret},
 *       {@code password}, {@code token} and the like, anywhere in a body;</li>
 *   <li>{@code external_link} (a pre-signed URL whose query is a signature) and {@code http_headers} (values can be
 *       storage encryption keys);</li>
 *   <li>the {@code value} of statement parameters: bound values are often personal data, while their names and
 *       types are what a trace reader needs;</li>
 *   <li>result data: {@code data_array} and {@code attachment} become a count, so a trace shows the shape of a
 *       result and not its content (or its size);</li>
 *   <li>quoted text in server messages ({@code message}, {@code error_description}): Spark quotes the value that
 *       failed ({@code The value 'x' cannot be cast}), which may be a bound parameter;</li>
 *   <li>in every other string, URL query strings, bearer/basic credentials, Databricks tokens and JWTs.</li>
 * </ul>
 * The SQL text itself is kept: it is what a TRACE reader is looking for, and TRACE is opt-in.
 */
public final class Payloads {
    private static final Logger LOG = LoggerFactory.getLogger(Payloads.class);
    static final String MASK = "***";
    private static final int MAX_CHARS = 8192;
    private static final JsonFactory JSON = new JsonFactory();

    private static final Set<String> SECRET_KEYS = Set.of("access_token", "refresh_token", "id_token",
            "client_secret", "password", "pwd", "token", "secret", "authorization", "auth_accesstoken",
            "oauth2secret", "external_link", "http_headers", "code_verifier", "code");
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern DATABRICKS_TOKEN = Pattern.compile("\\b(dapi|dkea|dose)[0-9a-zA-Z-]{8,}");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Set<String> MESSAGE_KEYS = Set.of("message", "error_description", "error_message");
    private static final Pattern QUOTED = Pattern.compile("'[^'\\r\\n]*'");
    private static final Pattern URL_QUERY = Pattern.compile("(?i)\\b(https?://[^\\s?#\"'<>]*)\\?[^\\s\"'<>]*");
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)\\b(x-amz-signature|x-amz-credential"
            + "|x-amz-security-token|x-goog-signature|x-goog-credential|sig|signature|access_token|refresh_token"
            + "|client_secret|token|code|code_verifier)=[^&\\s\"'<>]+");

    private Payloads() {
    }

    /** Logs both bodies at TRACE when enabled; costs one level check otherwise. */
    static void trace(String what, int status, byte[] requestBody, byte[] responseBody) {
        if (!LOG.isTraceEnabled()) {
            return;
        }
        if (requestBody != null && requestBody.length > 0) {
            LOG.trace("{} request body: {}", what, render(requestBody));
        }
        LOG.trace("{} -> {} response body: {}", what, status, render(responseBody));
    }

    /** The body as redacted text, cut to a readable length. */
    static String render(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty)";
        }
        String out;
        try {
            out = redactJson(body);
        } catch (IOException | RuntimeException notJson) {
            out = redactText(new String(body, StandardCharsets.UTF_8));
        }
        return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS) + "...(" + out.length() + " chars)" : out;
    }

    /** Masks credentials and pre-signed URLs in free text. */
    static String redactText(String text) {
        String out = URL_QUERY.matcher(text).replaceAll("$1?" + MASK);
        out = AUTH_SCHEME.matcher(out).replaceAll("$1 " + MASK);
        out = DATABRICKS_TOKEN.matcher(out).replaceAll("$1" + MASK);
        out = JWT.matcher(out).replaceAll(MASK);
        return SECRET_PARAM.matcher(out).replaceAll("$1=" + MASK);
    }

    private static String redactJson(byte[] body) throws IOException {
        StringWriter out = new StringWriter(Math.min(body.length, MAX_CHARS) + 16);
        try (JsonParser in = JSON.createParser(body); JsonGenerator gen = JSON.createGenerator(out)) {
            Deque<String> containers = new ArrayDeque<>();
            String field = null;
            JsonToken token;
            while ((token = in.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME:
                        field = in.currentName();
                        gen.writeFieldName(field);
                        break;
                    case START_OBJECT:
                    case START_ARRAY:
                        if (replaced(field, containers, in, gen)) {
                            field = null;
                            break;
                        }
                        containers.push(field == null ? "" : field);
                        field = null;
                        if (token == JsonToken.START_OBJECT) {
                            gen.writeStartObject();
                        } else {
                            gen.writeStartArray();
                        }
                        break;
                    case END_OBJECT:
                    case END_ARRAY:
                        containers.poll();
                        if (token == JsonToken.END_OBJECT) {
                            gen.writeEndObject();
                        } else {
                            gen.writeEndArray();
                        }
                        break;
                    default:
                        if (!replaced(field, containers, in, gen)) {
                            writeScalar(in, token, gen, field != null
                                    && MESSAGE_KEYS.contains(field.toLowerCase(Locale.ROOT)));
                        }
                        field = null;
                        break;
                }
            }
        }
        return out.toString();
    }

    /** Writes a replacement for the value at the parser's position (skipping it) when it must not be shown. */
    private static boolean replaced(String field, Deque<String> containers, JsonParser in, JsonGenerator gen)
            throws IOException {
        if (field == null) {
            return false;
        }
        String key = field.toLowerCase(Locale.ROOT);
        boolean parameterValue = "value".equals(key) && containers.contains("parameters");
        if (SECRET_KEYS.contains(key) || parameterValue) {
            in.skipChildren();
            gen.writeString(MASK);
            return true;
        }
        if ("data_array".equals(key) && in.currentToken() == JsonToken.START_ARRAY) {
            long rows = 0;
            while (in.nextToken() != JsonToken.END_ARRAY) {
                in.skipChildren();
                rows++;
            }
            gen.writeString("<" + rows + " rows>");
            return true;
        }
        if ("attachment".equals(key) && in.currentToken() == JsonToken.VALUE_STRING) {
            gen.writeString("<" + in.getTextLength() + " base64 characters>");
            return true;
        }
        return false;
    }

    private static void writeScalar(JsonParser in, JsonToken token, JsonGenerator gen, boolean serverMessage)
            throws IOException {
        switch (token) {
            case VALUE_STRING:
                String text = redactText(in.getText());
                gen.writeString(serverMessage ? QUOTED.matcher(text).replaceAll("'" + MASK + "'") : text);
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                gen.writeNumber(in.getText());
                break;
            case VALUE_TRUE:
            case VALUE_FALSE:
                gen.writeBoolean(token == JsonToken.VALUE_TRUE);
                break;
            default:
                gen.writeNull();
                break;
        }
    }
}
