package dev.sluice.jdbc.internal.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statement Execution API JSON, by hand on Jackson's streaming API: requests are written with absent fields
 * omitted; responses are read field by field, skipping unknown fields at any depth and accepting the variants
 * real servers send (integer or string {@code error_code}, numbers sent as strings, {@code position} absent).
 */
public final class SeaJson {
    /** Attachments reach 25 MiB inline (about 34 M base64 characters), over Jackson's default string cap. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SeaJson() {
    }

    // ---------------------------------------------------------------- requests

    /** The body of {@code POST /api/2.0/sql/statements/}. */
    public static byte[] writeStatementRequest(StatementRequest request) {
        return write(gen -> {
            gen.writeStringField("statement", request.statement());
            gen.writeStringField("warehouse_id", request.warehouseId());
            writeOptional(gen, "session_id", request.sessionId());
            writeOptional(gen, "catalog", request.catalog());
            writeOptional(gen, "schema", request.schema());
            if (!request.parameters().isEmpty()) {
                gen.writeArrayFieldStart("parameters");
                for (StatementParameter parameter : request.parameters()) {
                    writeParameter(gen, parameter);
                }
                gen.writeEndArray();
            }
            writeOptional(gen, "disposition", request.disposition() == null ? null : request.disposition().name());
            writeOptional(gen, "format", request.format() == null ? null : request.format().name());
            if (request.waitTimeout() != null) {
                gen.writeStringField("wait_timeout", request.waitTimeout().getSeconds() + "s");
            }
            writeOptional(gen, "on_wait_timeout",
                    request.onWaitTimeout() == null ? null : request.onWaitTimeout().name());
            if (request.rowLimit() > 0) {
                gen.writeNumberField("row_limit", request.rowLimit());
            }
            if (request.byteLimit() > 0) {
                gen.writeNumberField("byte_limit", request.byteLimit());
            }
            writeOptional(gen, "result_compression",
                    request.resultCompression() == null ? null : request.resultCompression().name());
            if (!request.queryTags().isEmpty()) {
                gen.writeArrayFieldStart("query_tags");
                for (Map.Entry<String, String> tag : request.queryTags().entrySet()) {
                    gen.writeStartObject();
                    gen.writeStringField("key", tag.getKey());
                    writeOptional(gen, "value", tag.getValue());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
        });
    }

    private static void writeParameter(JsonGenerator gen, StatementParameter parameter) throws IOException {
        gen.writeStartObject();
        if (parameter.name() != null) {
            gen.writeStringField("name", parameter.name());
        } else {
            gen.writeNumberField("ordinal", parameter.ordinal());
        }
        writeOptional(gen, "type", parameter.type());
        writeOptional(gen, "value", parameter.value());
        gen.writeEndObject();
    }

    /** The body of {@code POST /api/2.0/sql/sessions/}. */
    public static byte[] writeCreateSession(String warehouseId, String catalog, String schema,
                                            Map<String, String> sessionConfs) {
        return write(gen -> {
            gen.writeStringField("warehouse_id", warehouseId);
            writeOptional(gen, "catalog", catalog);
            writeOptional(gen, "schema", schema);
            if (sessionConfs != null && !sessionConfs.isEmpty()) {
                gen.writeObjectFieldStart("session_confs");
                for (Map.Entry<String, String> conf : sessionConfs.entrySet()) {
                    gen.writeStringField(conf.getKey(), conf.getValue());
                }
                gen.writeEndObject();
            }
        });
    }

    private interface Fields {
        void write(JsonGenerator gen) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            fields.write(gen);
            gen.writeEndObject();
        } catch (IOException e) {
            // a ByteArrayOutputStream cannot fail; only a generator bug gets here
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeOptional(JsonGenerator gen, String field, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(field, value);
        }
    }

    // ---------------------------------------------------------------- responses

    /**
     * Reads a statement response.
     *
     * @throws IOException when the body is not JSON or lacks {@code statement_id}
     */
    public static StatementResponse readStatementResponse(byte[] body) throws IOException {
        try (JsonParser p = open(body)) {
            String statementId = null;
            StatementStatus status = null;
            ResultManifest manifest = null;
            ResultData result = null;
            while (nextField(p)) {
                switch (p.currentName()) {
                    case "statement_id" -> statementId = text(p);
                    case "status" -> status = isObject(p) ? readStatus(p) : status;
                    case "manifest" -> manifest = isObject(p) ? readManifest(p) : manifest;
                    case "result" -> result = isObject(p) ? readResultData(p) : result;
                    default -> p.skipChildren();
                }
            }
            if (statementId == null) {
                throw new IOException("statement response without statement_id");
            }
            return new StatementResponse(statementId, status == null ? StatementStatus.of(StatementState.UNKNOWN)
                    : status, manifest, result);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /**
     * Reads the response of {@code GET .../result/chunks/{i}}.
     *
     * @throws IOException when the body is not a JSON object
     */
    public static ResultData readResultData(byte[] body) throws IOException {
        try (JsonParser p = open(body)) {
            return readResultData(p);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /**
     * Reads {@code session_id} from a session-create response.
     *
     * @throws IOException when the body is not JSON or has no session id
     */
    public static String readSessionId(byte[] body) throws IOException {
        try (JsonParser p = open(body)) {
            String sessionId = null;
            while (nextField(p)) {
                if ("session_id".equals(p.currentName())) {
                    sessionId = text(p);
                } else {
                    p.skipChildren();
                }
            }
            if (sessionId == null || sessionId.isEmpty()) {
                throw new IOException("session response without session_id");
            }
            return sessionId;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static JsonParser open(byte[] body) throws IOException {
        JsonParser p = new SplicingParser(body);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            p.close();
            throw new IOException("response body is not a JSON object");
        }
        return p;
    }

    /**
     * Keeps only the position: Jackson's message quotes the offending token, and a body can hold pre-signed URLs and
     * keys. No cause either, for the same reason.
     */
    private static IOException malformed(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new IOException("malformed JSON in response" + where);
    }

    private static StatementStatus readStatus(JsonParser p) throws IOException {
        StatementState state = StatementState.UNKNOWN;
        String errorCode = null;
        String message = null;
        String sqlState = null;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "state" -> state = StatementState.fromWire(text(p));
                case "sql_state" -> sqlState = text(p);
                case "error" -> {
                    if (isObject(p)) {
                        while (nextField(p)) {
                            switch (p.currentName()) {
                                case "error_code" -> errorCode = text(p);
                                case "message" -> message = text(p);
                                default -> p.skipChildren();
                            }
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new StatementStatus(state, errorCode, message, sqlState);
    }

    private static ResultManifest readManifest(JsonParser p) throws IOException {
        ResultFormat format = ResultFormat.UNKNOWN;
        List<ColumnInfo> columns = List.of();
        int totalChunkCount = -1;
        List<ChunkInfo> chunks = List.of();
        long totalRowCount = -1;
        long totalByteCount = -1;
        boolean truncated = false;
        ResultCompression compression = ResultCompression.NONE;
        boolean volume = false;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "format" -> format = ResultFormat.fromWire(text(p));
                case "schema" -> columns = isObject(p) ? readSchema(p) : columns;
                case "total_chunk_count" -> totalChunkCount = (int) longValue(p, -1);
                case "chunks" -> chunks = isArray(p) ? readChunks(p) : chunks;
                case "total_row_count" -> totalRowCount = longValue(p, -1);
                case "total_byte_count" -> totalByteCount = longValue(p, -1);
                case "truncated" -> truncated = bool(p);
                case "result_compression" -> compression = ResultCompression.fromWire(text(p));
                case "is_volume_operation" -> volume = bool(p);
                default -> p.skipChildren();
            }
        }
        return new ResultManifest(format, columns, totalChunkCount, chunks, totalRowCount, totalByteCount, truncated,
                compression, volume);
    }

    private static List<ColumnInfo> readSchema(JsonParser p) throws IOException {
        List<ColumnInfo> columns = List.of();
        while (nextField(p)) {
            if ("columns".equals(p.currentName()) && isArray(p)) {
                columns = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        columns.add(readColumn(p, columns.size()));
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return columns;
    }

    private static ColumnInfo readColumn(JsonParser p, int index) throws IOException {
        String name = null;
        int position = index;
        String typeName = null;
        String typeText = null;
        int precision = -1;
        int scale = -1;
        String intervalType = null;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "name" -> name = text(p);
                case "position" -> position = (int) longValue(p, index);
                case "type_name" -> typeName = text(p);
                case "type_text" -> typeText = text(p);
                case "type_precision" -> precision = (int) longValue(p, -1);
                case "type_scale" -> scale = (int) longValue(p, -1);
                case "type_interval_type" -> intervalType = text(p);
                default -> p.skipChildren();
            }
        }
        return new ColumnInfo(name, position, typeName, typeText, precision, scale, intervalType);
    }

    private static List<ChunkInfo> readChunks(JsonParser p) throws IOException {
        List<ChunkInfo> chunks = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            int index = -1;
            long rowOffset = -1;
            long rowCount = -1;
            long byteCount = -1;
            while (nextField(p)) {
                switch (p.currentName()) {
                    case "chunk_index" -> index = (int) longValue(p, -1);
                    case "row_offset" -> rowOffset = longValue(p, -1);
                    case "row_count" -> rowCount = longValue(p, -1);
                    case "byte_count" -> byteCount = longValue(p, -1);
                    default -> p.skipChildren();
                }
            }
            chunks.add(new ChunkInfo(index < 0 ? chunks.size() : index, rowOffset, rowCount, byteCount));
        }
        return chunks;
    }

    private static ResultData readResultData(JsonParser p) throws IOException {
        int chunkIndex = -1;
        long rowOffset = -1;
        long rowCount = -1;
        long byteCount = -1;
        JsonRows dataArray = null;
        List<ExternalLink> links = List.of();
        byte[] attachment = null;
        int nextChunkIndex = -1;
        String nextLink = null;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "chunk_index" -> chunkIndex = (int) longValue(p, -1);
                case "row_offset" -> rowOffset = longValue(p, -1);
                case "row_count" -> rowCount = longValue(p, -1);
                case "byte_count" -> byteCount = longValue(p, -1);
                case "data_array" -> dataArray = isArray(p) ? readRows(p) : dataArray;
                case "external_links" -> links = isArray(p) ? readLinks(p) : links;
                case "attachment" -> attachment = p.currentToken() == JsonToken.VALUE_STRING
                        ? p.getBinaryValue() : attachment;
                case "next_chunk_index" -> nextChunkIndex = (int) longValue(p, -1);
                case "next_chunk_internal_link" -> nextLink = text(p);
                default -> p.skipChildren();
            }
        }
        return new ResultData(chunkIndex, rowOffset, rowCount, byteCount, dataArray, links, attachment,
                nextChunkIndex, nextLink);
    }

    /**
     * The hot path of INLINE JSON results: {@link DataArrayScanner} copies each value's UTF-8 bytes from the body
     * into one {@link JsonRows}, and the parser goes on after the array without reading it at all
     * ({@link SplicingParser}). An array the scanner does not take (values other than strings and nulls, or not
     * well-formed) is read here by the parser, which renders a nested value as its JSON text and reports what is
     * not JSON.
     */
    private static JsonRows readRows(JsonParser p) throws IOException {
        if (p instanceof SplicingParser splicing) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            DataArrayScanner scanner = new DataArrayScanner(splicing.bytes(), start);
            JsonRows scanned = start >= 0 ? scanner.rows() : null;
            if (scanned != null) {
                splicing.skipTo(start, scanner.position());
                p.skipChildren();
                return scanned;
            }
        }
        JsonRows.Builder rows = new JsonRows.Builder(8192);
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_ARRAY) {
                p.skipChildren();
                rows.endRow();
                continue;
            }
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.VALUE_NULL) {
                    rows.appendNull();
                } else if (token.isScalarValue()) {
                    rows.append(p.getText());
                } else {
                    // a nested value is kept as its JSON text, which is how complex types are rendered as strings
                    rows.append(nested(p));
                }
            }
            rows.endRow();
        }
        return rows.build();
    }

    private static String nested(JsonParser p) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(json)) {
            gen.copyCurrentStructure(p);
        }
        return json.toString();
    }

    private static List<ExternalLink> readLinks(JsonParser p) throws IOException {
        List<ExternalLink> links = new ArrayList<>(1);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                ExternalLink link = readLink(p);
                if (link != null) {
                    links.add(link);
                }
            } else {
                p.skipChildren();
            }
        }
        return links;
    }

    private static ExternalLink readLink(JsonParser p) throws IOException {
        int chunkIndex = -1;
        long rowOffset = -1;
        long rowCount = -1;
        long byteCount = -1;
        String url = null;
        Instant expiration = null;
        Map<String, String> headers = Map.of();
        int nextChunkIndex = -1;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "chunk_index" -> chunkIndex = (int) longValue(p, -1);
                case "row_offset" -> rowOffset = longValue(p, -1);
                case "row_count" -> rowCount = longValue(p, -1);
                case "byte_count" -> byteCount = longValue(p, -1);
                case "external_link" -> url = text(p);
                case "expiration" -> expiration = instant(text(p));
                case "http_headers" -> headers = isObject(p) ? readStringMap(p) : headers;
                case "next_chunk_index" -> nextChunkIndex = (int) longValue(p, -1);
                default -> p.skipChildren();
            }
        }
        return url == null ? null : new ExternalLink(chunkIndex, rowOffset, rowCount, byteCount, url, expiration,
                headers, nextChunkIndex);
    }

    private static Map<String, String> readStringMap(JsonParser p) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        while (nextField(p)) {
            String key = p.currentName();
            String value = text(p);
            if (value != null) {
                map.put(key, value);
            }
        }
        return map;
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        Instant plain = plainIsoInstant(text);
        if (plain != null) {
            return plain;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            return null;
        }
    }

    /**
     * The usual form of a link's expiration, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM|-HH:MM)}, read without
     * {@code java.time.format}: building the ISO formatters costs a cold JVM 10-20 ms on the way to the first row.
     * Null for any other text, which {@link OffsetDateTime#parse} then reads or refuses.
     */
    static Instant plainIsoInstant(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        int i = 19;
        if (t.charAt(i) == '.') {
            int digits = 0;
            for (i++; i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++) {
                if (++digits > 9) {
                    return null;
                }
                nanos = nanos * 10 + (t.charAt(i) - '0');
            }
            if (digits == 0) {
                return null;
            }
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int hours = digits(t, i + 1, 2);
            int minutes = digits(t, i + 4, 2);
            if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
                return null;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            long days = java.time.LocalDate.of(year, month, day).toEpochDay();
            java.time.LocalTime time = java.time.LocalTime.of(hour, minute, second);
            return Instant.ofEpochSecond(days * 86_400 + time.toSecondOfDay() - offsetSeconds, nanos);
        } catch (java.time.DateTimeException outOfRange) {
            return null;
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    // ---------------------------------------------------------------- parser helpers

    /** Advances to the next field's value; false at the end of the object. */
    private static boolean nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        p.nextToken();
        return true;
    }

    private static boolean isObject(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        p.skipChildren();
        return false;
    }

    private static boolean isArray(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        p.skipChildren();
        return false;
    }

    /** Scalar text (numbers as their text), or null for JSON null and for structures (skipped). */
    private static String text(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    private static long longValue(JsonParser p, long absent) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return (long) p.getDoubleValue();
            case VALUE_STRING:
                try {
                    return Long.parseLong(p.getText().strip());
                } catch (NumberFormatException e) {
                    throw new IOException("expected a number in field " + p.currentName());
                }
            default:
                p.skipChildren();
                return absent;
        }
    }

    private static boolean bool(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        return "true".equalsIgnoreCase(text(p));
    }

    /**
     * A parser over a body in memory that can leave out a stretch of it: once {@link DataArrayScanner} has read the
     * {@code data_array} at {@code [start, end)}, {@link #skipTo} goes on with a parser over the body with that
     * array replaced by {@code []}, positioned on the same token, so the general parser never passes over the
     * rows (skipping a megabyte of strings cost as much as scanning them). The text before the array is parsed a
     * second time; it is the small part of a response.
     */
    private static final class SplicingParser extends JsonParserDelegate {
        private byte[] bytes;

        SplicingParser(byte[] body) throws IOException {
            super(FACTORY.createParser(body));
            this.bytes = body;
        }

        byte[] bytes() {
            return bytes;
        }

        /** Continues on the body without {@code [start, end)}: the current token is the {@code [} of {@code []}. */
        void skipTo(int start, int end) throws IOException {
            byte[] spliced = new byte[start + 2 + bytes.length - end];
            System.arraycopy(bytes, 0, spliced, 0, start);
            spliced[start] = '[';
            spliced[start + 1] = ']';
            System.arraycopy(bytes, end, spliced, start + 2, bytes.length - end);
            JsonParser next = FACTORY.createParser(spliced);
            JsonToken token;
            while ((token = next.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY && next.currentTokenLocation().getByteOffset() == start) {
                    delegate.close();
                    delegate = next;
                    bytes = spliced;
                    return;
                }
            }
            next.close();
            throw new IOException("the data_array at byte " + start + " was not found again");
        }
    }
}
