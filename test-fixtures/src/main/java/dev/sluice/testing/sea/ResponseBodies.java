package dev.sluice.testing.sea;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Renders StatementResponse, ResultManifest and ResultData exactly as protocol.md §1.4–1.6 and §10 items 4, 5
 * and 7 describe: field order as recorded, optional fields omitted rather than null.
 */
final class ResponseBodies {

    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Links links;

    ResponseBodies(Links links) {
        this.links = links;
    }

    /** The StatementResponse for a state; manifest and first chunk only when SUCCEEDED. */
    Json.Obj statement(RunningStatement statement, StatementState state) {
        Json.Obj body = Json.object()
                .put("statement_id", statement.id())
                .put("status", status(statement, state));
        if (state == StatementState.SUCCEEDED) {
            body.put("manifest", manifest(statement));
            body.put("result", statement.result().chunkCount() == 0 ? Json.object() : resultData(statement, 0));
        }
        return body;
    }

    /** The ResultData of one chunk: rows, attachment, or a freshly issued external link. */
    Json.Obj resultData(RunningStatement statement, int chunk) {
        Result result = statement.result();
        if (result.delivery() == Result.Delivery.EXTERNAL_LINKS) {
            return Json.object().put("external_links", List.of(externalLink(statement, chunk)));
        }
        Json.Obj data = Json.object()
                .put("chunk_index", chunk)
                .put("row_offset", result.rowOffset(chunk))
                .put("row_count", result.rowCount(chunk));
        if (result.delivery() == Result.Delivery.INLINE_ROWS) {
            data.put("data_array", result.rows(chunk));
        } else {
            data.put("attachment", Base64.getEncoder().encodeToString(statement.servedPayload(chunk)));
        }
        return putNext(data, statement, chunk);
    }

    private static Json.Obj status(RunningStatement statement, StatementState state) {
        Json.Obj status = Json.object().put("state", state.name());
        SqlError error = statement.script().error();
        if (state == StatementState.FAILED && error != null) {
            status.put("error", Json.object()
                    .putIfPresent("error_code", error.errorCode())
                    .put("message", error.message()));
            status.putIfPresent("sql_state", error.sqlState());
        }
        return status;
    }

    private static Json.Obj manifest(RunningStatement statement) {
        Result result = statement.result();
        boolean external = result.delivery() == Result.Delivery.EXTERNAL_LINKS;
        int chunks = result.chunkCount();
        Json.Obj manifest = Json.object()
                .put("format", statement.format().name())
                .put("schema", schema(result.columns()))
                .put("total_chunk_count", chunks);
        if (chunks > 0) {
            List<Json.Obj> infos = new ArrayList<>(chunks);
            for (int i = 0; i < chunks; i++) {
                infos.add(Json.object()
                        .put("chunk_index", i)
                        .put("row_offset", result.rowOffset(i))
                        .put("row_count", result.rowCount(i))
                        .putIfPresent("byte_count", external ? uncompressedSize(result, i) : null));
            }
            manifest.put("chunks", infos);
        }
        manifest.put("total_row_count", result.totalRowCount());
        if (chunks == 0) {
            manifest.put("total_byte_count", 0);
        } else if (external) {
            manifest.put("total_byte_count", totalBytes(result));
        }
        return manifest
                .put("truncated", result.isTruncated())
                .putIfPresent("result_compression", statement.compressionField())
                .putIfPresent("is_volume_operation", result.isVolumeOperation() ? Boolean.TRUE : null);
    }

    private static Json.Obj schema(List<Column> columns) {
        if (columns == null) {
            return Json.object().put("column_count", 0);
        }
        List<Json.Obj> infos = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            infos.add(columns.get(i).toJson(i));
        }
        return Json.object().put("column_count", columns.size()).put("columns", infos);
    }

    private static long totalBytes(Result result) {
        long total = 0;
        for (int i = 0; i < result.chunkCount(); i++) {
            total += uncompressedSize(result, i);
        }
        return total;
    }

    private static long uncompressedSize(Result result, int chunk) {
        return result.byteChunk(chunk).payloadBytes().length;
    }

    private Json.Obj externalLink(RunningStatement statement, int chunk) {
        Result result = statement.result();
        LinkPolicy policy = result.linkPolicy();
        Duration ttl = statement.issueLink(chunk) == 0 ? policy.firstIssueTtl() : policy.ttl();
        Links.Issued issued = links.issue(statement.id(), chunk, ttl, policy.requiredHeaders());
        Json.Obj link = Json.object()
                .put("chunk_index", chunk)
                .put("row_offset", result.rowOffset(chunk))
                .put("row_count", result.rowCount(chunk))
                .put("byte_count", (long) statement.servedPayload(chunk).length);
        putNext(link, statement, chunk)
                .put("external_link", issued.url())
                .putIfPresent("expiration", policy.writesExpiration() ? expiration(issued.expiresAt()) : null);
        if (!policy.requiredHeaders().isEmpty()) {
            link.put("http_headers", policy.requiredHeaders());
        }
        return link;
    }

    private static Json.Obj putNext(Json.Obj data, RunningStatement statement, int chunk) {
        int next = chunk + 1;
        if (next < statement.result().chunkCount()) {
            data.put("next_chunk_index", next)
                    .put("next_chunk_internal_link",
                            "/api/2.0/sql/statements/" + statement.id() + "/result/chunks/" + next);
        }
        return data;
    }

    /** RFC 3339 with milliseconds in UTC, as the server writes it: {@code 2024-11-08T15:23:16.606Z}. */
    static String expiration(Instant instant) {
        return EXPIRATION.format(instant);
    }
}
