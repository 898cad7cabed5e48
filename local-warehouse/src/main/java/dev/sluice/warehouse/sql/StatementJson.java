package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.catalog.VolumeCommands;
import dev.sluice.warehouse.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.apache.spark.sql.types.StructField;

/** Statement responses, manifests and result chunks, serialized exactly as protocol.md §1.4–1.6. */
final class StatementJson {

    /** Issues links for one chunk: the URL base, TTL and headers come from the server's state. */
    interface LinkIssuer {
        ObjectNode link(Statement s, Chunk c);
    }

    private StatementJson() {
    }

    static ObjectNode response(Statement s, LinkIssuer links) {
        ObjectNode out = Json.object();
        out.put("statement_id", s.id);
        ObjectNode status = out.putObject("status");
        Statement.State state = s.state();
        status.put("state", state.name());
        SqlFailure f = s.failure();
        if (state == Statement.State.FAILED && f != null) {
            ObjectNode err = status.putObject("error");
            err.put("error_code", f.errorCode());
            err.put("message", f.message());
            if (f.sqlState() != null) {
                status.put("sql_state", f.sqlState());
            }
        }
        MaterializedResult r = s.result();
        if (state == Statement.State.SUCCEEDED && r != null) {
            out.set("manifest", manifest(s, r));
            out.set("result", r.chunks().isEmpty() ? Json.object() : chunk(s, r, 0, links));
        }
        return out;
    }

    static ObjectNode manifest(Statement s, MaterializedResult r) {
        ObjectNode m = Json.object();
        m.put("format", r.format().name());
        ObjectNode schema = m.putObject("schema");
        StructField[] fields = r.schema().fields();
        schema.put("column_count", fields.length);
        if (fields.length > 0) {
            ArrayNode cols = schema.putArray("columns");
            for (int i = 0; i < fields.length; i++) {
                cols.add(ColumnTypes.columnInfo(fields[i], i));
            }
        }
        m.put("total_chunk_count", r.chunks().size());
        if (!r.chunks().isEmpty()) {
            ArrayNode chunks = m.putArray("chunks");
            for (Chunk c : r.chunks()) {
                ObjectNode n = chunks.addObject();
                n.put("chunk_index", c.index());
                n.put("row_offset", c.rowOffset());
                n.put("row_count", c.rowCount());
                if (!s.inline()) {
                    n.put("byte_count", c.byteCount());
                }
            }
        }
        m.put("total_row_count", r.totalRows());
        if (!s.inline()) {
            m.put("total_byte_count", r.totalBytes());
        }
        m.put("truncated", r.truncated());
        if (VolumeCommands.isOperation(r.schema())) {
            // the client moves the bytes itself, through the row's pre-signed URL (protocol.md section 15)
            m.put("is_volume_operation", true);
        }
        if (s.request.compression() != null) {
            m.put("result_compression", r.lz4() ? "LZ4_FRAME" : "NONE");
        }
        return m;
    }

    /** The ResultData of one chunk: inline rows, an inline Arrow attachment, or one external link. */
    static ObjectNode chunk(Statement s, MaterializedResult r, int index, LinkIssuer links) {
        Chunk c = r.chunks().get(index);
        if (!s.inline()) {
            ObjectNode out = Json.object();
            out.putArray("external_links").add(links.link(s, c));
            return out;
        }
        ObjectNode out = Json.object();
        out.put("chunk_index", c.index());
        out.put("row_offset", c.rowOffset());
        out.put("row_count", c.rowCount());
        byte[] bytes = read(c);
        if (r.format() == ResultFormat.JSON_ARRAY) {
            try {
                out.set("data_array", Json.MAPPER.readTree(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.put("attachment", Base64.getEncoder().encodeToString(bytes));
        }
        next(out, s, r, index);
        return out;
    }

    static void next(ObjectNode out, Statement s, MaterializedResult r, int index) {
        if (index + 1 < r.chunks().size()) {
            out.put("next_chunk_index", index + 1);
            out.put("next_chunk_internal_link", "/api/2.0/sql/statements/" + s.id + "/result/chunks/" + (index + 1));
        }
    }

    static String expiration(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static byte[] read(Chunk c) {
        try {
            return Files.readAllBytes(c.file());
        } catch (IOException e) {
            throw new UncheckedIOException("result chunk " + c.index() + " is gone", e);
        }
    }
}
