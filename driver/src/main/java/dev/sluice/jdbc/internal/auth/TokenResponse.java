package dev.sluice.jdbc.internal.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The top-level scalar fields of a JSON object from an OAuth server (token and discovery documents). */
final class TokenResponse {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Map<String, String> fields;

    private TokenResponse(Map<String, String> fields) {
        this.fields = fields;
    }

    /** @throws IOException when the body is not a JSON object */
    static TokenResponse parse(byte[] body) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isScalarValue()) {
                    fields.put(name, value == JsonToken.VALUE_NULL ? null : p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return new TokenResponse(fields);
    }

    /** The field as text, or null when absent, null or blank. */
    String text(String name) {
        String v = fields.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** Whole seconds, or -1 when the field is absent or not a number. */
    long seconds(String name) {
        String v = text(name);
        try {
            return v == null ? -1 : Math.max(0, (long) Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Every field whose value is not null, as text. */
    Map<String, String> asMap() {
        Map<String, String> out = new HashMap<>(fields);
        out.values().removeIf(v -> v == null);
        return out;
    }

    @Override
    public String toString() {
        return "TokenResponse" + fields.keySet();
    }
}
