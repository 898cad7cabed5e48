package dev.sluice.warehouse.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded online store: online stores, published online tables (one row per key, its features as a JSON
 * document) and feature serving endpoints, in the control plane's H2 file database under the warehouse
 * directory ({@code control/control.mv.db}, tables of its own), so they survive a restart.
 *
 * <p>Two connections: a publish replaces an online table's rows in one transaction on the writer, while
 * lookups on the reader keep seeing the previous rows until it commits (H2's MVCC). A key lookup is a
 * primary-key read, microseconds.
 */
final class OnlineStore implements AutoCloseable {

    /** A published online table: where it came from, its lookup key and when it was last published. */
    record OnlineTable(String name, String source, String store, List<String> keys, String timeseries,
                       long publishedAt, long rows) {
    }

    /** One row found by a lookup: its features and, for a time series table, the timestamp they are as of. */
    record Found(ObjectNode features, String featureTimestamp) {
    }

    private final Connection writer;
    private final Connection reader;

    OnlineStore(Path warehouseDir) throws IOException {
        Path dir = warehouseDir.resolve("control");
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("control").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        try {
            writer = DriverManager.getConnection(url, "sluice", "");
            reader = DriverManager.getConnection(url, "sluice", "");
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS fs_online_stores(name VARCHAR(1024) PRIMARY KEY, doc CLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS fs_online_tables(name VARCHAR(1024) PRIMARY KEY,"
                        + " source VARCHAR(1024) NOT NULL, store VARCHAR(1024) NOT NULL, keys_json VARCHAR(8192) NOT NULL,"
                        + " timeseries VARCHAR(1024), published_at BIGINT NOT NULL, row_count BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS fs_online_rows(table_name VARCHAR(1024) NOT NULL,"
                        + " row_key VARCHAR(8192) NOT NULL, feature_ts VARCHAR(64), doc CLOB NOT NULL,"
                        + " PRIMARY KEY(table_name, row_key))");
                s.execute("CREATE TABLE IF NOT EXISTS fs_serving_endpoints(name VARCHAR(1024) PRIMARY KEY,"
                        + " doc CLOB NOT NULL)");
            }
            writer.setAutoCommit(false);
            writer.commit();
        } catch (SQLException e) {
            throw new IOException("Cannot open the online store in " + dir + ": " + e.getMessage(), e);
        }
    }

    // ---- stores and endpoints: JSON documents by name

    synchronized boolean putDocument(String kind, String name, ObjectNode doc, boolean mustBeNew) {
        String table = documents(kind);
        try {
            if (mustBeNew && document(kind, name) != null) {
                return false;
            }
            update(writer, "MERGE INTO " + table + "(name, doc) KEY(name) VALUES (?, ?)", name, Json.write(doc));
            writer.commit();
            return true;
        } catch (SQLException e) {
            throw failure(rollback(e));
        }
    }

    ObjectNode document(String kind, String name) {
        List<ObjectNode> l = documentsWhere(kind, "WHERE name = ?", name);
        return l.isEmpty() ? null : l.get(0);
    }

    List<ObjectNode> documents(String kind, int offset, int limit) {
        return documentsWhere(kind, "ORDER BY name OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", offset, limit);
    }

    synchronized boolean deleteDocument(String kind, String name) {
        try {
            int n = update(writer, "DELETE FROM " + documents(kind) + " WHERE name = ?", name);
            writer.commit();
            return n > 0;
        } catch (SQLException e) {
            throw failure(rollback(e));
        }
    }

    private List<ObjectNode> documentsWhere(String kind, String where, Object... args) {
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT doc FROM " + documents(kind) + " " + where)) {
                bind(p, args);
                List<ObjectNode> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(Json.parseObject(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }

    private static String documents(String kind) {
        return switch (kind) {
            case "store" -> "fs_online_stores";
            case "endpoint" -> "fs_serving_endpoints";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    // ---- online tables

    /** Replaces the online table's rows with {@code rows} (key text to features) in one transaction. */
    synchronized void publish(OnlineTable table, Map<String, Found> rows) {
        try {
            update(writer, "MERGE INTO fs_online_tables(name, source, store, keys_json, timeseries, published_at,"
                            + " row_count) KEY(name) VALUES (?, ?, ?, ?, ?, ?, ?)", table.name(), table.source(),
                    table.store(), Json.write(Json.MAPPER.valueToTree(table.keys())), table.timeseries(),
                    table.publishedAt(), (long) rows.size());
            update(writer, "DELETE FROM fs_online_rows WHERE table_name = ?", table.name());
            try (PreparedStatement p = writer.prepareStatement(
                    "INSERT INTO fs_online_rows(table_name, row_key, feature_ts, doc) VALUES (?, ?, ?, ?)")) {
                int batch = 0;
                for (Map.Entry<String, Found> e : rows.entrySet()) {
                    bind(p, new Object[] {table.name(), e.getKey(), e.getValue().featureTimestamp(),
                            Json.write(e.getValue().features())});
                    p.addBatch();
                    if (++batch % 1000 == 0) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            writer.commit();
        } catch (SQLException e) {
            throw failure(rollback(e));
        }
    }

    OnlineTable onlineTable(String name) {
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT name, source, store, keys_json, timeseries,"
                    + " published_at, row_count FROM fs_online_tables WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    List<String> keys = new ArrayList<>();
                    Json.MAPPER.readTree(rs.getString(4)).forEach(k -> keys.add(k.asText()));
                    return new OnlineTable(rs.getString(1), rs.getString(2), rs.getString(3), keys, rs.getString(5),
                            rs.getLong(6), rs.getLong(7));
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("Online store: " + e.getMessage(), e);
            }
        }
    }

    synchronized boolean deleteOnlineTable(String name) {
        try {
            update(writer, "DELETE FROM fs_online_rows WHERE table_name = ?", name);
            int n = update(writer, "DELETE FROM fs_online_tables WHERE name = ?", name);
            writer.commit();
            return n > 0;
        } catch (SQLException e) {
            throw failure(rollback(e));
        }
    }

    /**
     * The rows of these keys (key text to row); keys not published are absent. One primary-key read per key on one
     * prepared statement: an IN list over the key's second column would scan the whole online table.
     */
    Map<String, Found> lookup(String table, List<String> keys) {
        Map<String, Found> out = new HashMap<>();
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement(
                    "SELECT feature_ts, doc FROM fs_online_rows WHERE table_name = ? AND row_key = ?")) {
                p.setString(1, table);
                for (String key : keys) {
                    p.setString(2, key);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            out.put(key, new Found(Json.parseObject(rs.getString(2).getBytes(StandardCharsets.UTF_8)),
                                    rs.getString(1)));
                        }
                    }
                }
                return out;
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        for (Connection c : List.of(reader, writer)) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing at shutdown: nothing to save
            }
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate();
        }
    }

    private static void bind(PreparedStatement p, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
    }

    private SQLException rollback(SQLException e) {
        try {
            writer.rollback();
        } catch (SQLException r) {
            e.addSuppressed(r);
        }
        return e;
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("Online store: " + e.getMessage(), e);
    }
}
