package dev.sluice.warehouse.jobs;

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
import java.util.List;

/**
 * The Jobs control plane: jobs and runs as JSON documents in an embedded H2 file database
 * ({@code <warehouse-dir>/control/control.mv.db}), with the columns the API filters on beside them.
 * One connection, every method synchronized: the volume is a developer's, not a workspace's.
 */
final class ControlPlane implements AutoCloseable {

    /** Filters of runs/list; null means no filter. */
    record RunFilter(Long jobId, boolean activeOnly, boolean completedOnly, String runType, Long startFrom,
                     Long startTo) {
    }

    private final Connection db;

    ControlPlane(Path warehouseDir) throws IOException {
        Path dir = warehouseDir.resolve("control");
        Files.createDirectories(dir);
        try {
            db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("control").toAbsolutePath()
                    + ";DB_CLOSE_ON_EXIT=FALSE", "sluice", "");
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS jobs(job_id BIGINT PRIMARY KEY, name VARCHAR(4096),"
                        + " doc CLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS runs(run_id BIGINT PRIMARY KEY, job_id BIGINT, parent_id BIGINT,"
                        + " run_type VARCHAR(32), start_time BIGINT NOT NULL, active BOOLEAN NOT NULL,"
                        + " token VARCHAR(64), doc CLOB NOT NULL)");
                s.execute("CREATE UNIQUE INDEX IF NOT EXISTS runs_token ON runs(token)");
                s.execute("CREATE INDEX IF NOT EXISTS runs_parent ON runs(parent_id)");
                s.execute("CREATE SEQUENCE IF NOT EXISTS ids START WITH 1001");
            }
        } catch (SQLException e) {
            throw new IOException("Cannot open the Jobs control plane in " + dir + ": " + e.getMessage(), e);
        }
    }

    synchronized long nextId() {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("VALUES NEXT VALUE FOR ids")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    synchronized void putJob(long id, String name, ObjectNode doc) {
        update("MERGE INTO jobs(job_id, name, doc) KEY(job_id) VALUES (?, ?, ?)", id, name, Json.write(doc));
    }

    synchronized ObjectNode job(long id) {
        List<ObjectNode> l = query("SELECT doc FROM jobs WHERE job_id = ?", id);
        return l.isEmpty() ? null : l.get(0);
    }

    /** Jobs by id ascending, as the API lists them; {@code name} matches exactly, case-insensitively. */
    synchronized List<ObjectNode> jobs(String name, int offset, int limit) {
        if (name != null) {
            return query("SELECT doc FROM jobs WHERE LOWER(name) = LOWER(?) ORDER BY job_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    name, offset, limit);
        }
        return query("SELECT doc FROM jobs ORDER BY job_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", offset, limit);
    }

    synchronized boolean deleteJob(long id) {
        return update("DELETE FROM jobs WHERE job_id = ?", id) > 0;
    }

    /** Inserts or replaces a run (top-level or task run) from its document. */
    synchronized void putRun(ObjectNode doc, Long parentId, String token) {
        update("MERGE INTO runs(run_id, job_id, parent_id, run_type, start_time, active, token, doc) KEY(run_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                doc.path("run_id").asLong(), doc.hasNonNull("job_id") ? doc.get("job_id").asLong() : null, parentId,
                doc.path("run_type").asText(null), doc.path("start_time").asLong(), RunStates.active(doc), token,
                Json.write(doc));
    }

    synchronized ObjectNode run(long id) {
        List<ObjectNode> l = query("SELECT doc FROM runs WHERE run_id = ?", id);
        return l.isEmpty() ? null : l.get(0);
    }

    synchronized Long parentOf(long runId) {
        try (PreparedStatement p = db.prepareStatement("SELECT parent_id FROM runs WHERE run_id = ?")) {
            p.setLong(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The run an idempotency token already started, or null. */
    synchronized ObjectNode runByToken(String token) {
        List<ObjectNode> l = query("SELECT doc FROM runs WHERE token = ?", token);
        return l.isEmpty() ? null : l.get(0);
    }

    synchronized List<ObjectNode> tasks(long parentId) {
        return query("SELECT doc FROM runs WHERE parent_id = ? ORDER BY run_id", parentId);
    }

    /** Top-level runs, most recent start first. */
    synchronized List<ObjectNode> runs(RunFilter f, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT doc FROM runs WHERE parent_id IS NULL AND start_time >= 0");
        List<Object> args = new ArrayList<>();
        if (f.jobId() != null) {
            sql.append(" AND job_id = ?");
            args.add(f.jobId());
        }
        if (f.activeOnly()) {
            sql.append(" AND active");
        }
        if (f.completedOnly()) {
            sql.append(" AND NOT active");
        }
        if (f.runType() != null) {
            sql.append(" AND run_type = ?");
            args.add(f.runType());
        }
        if (f.startFrom() != null) {
            sql.append(" AND start_time >= ?");
            args.add(f.startFrom());
        }
        if (f.startTo() != null) {
            sql.append(" AND start_time <= ?");
            args.add(f.startTo());
        }
        sql.append(" ORDER BY start_time DESC, run_id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        args.add(offset);
        args.add(limit);
        return query(sql.toString(), args.toArray());
    }

    /** Active top-level runs, oldest first (for a job, or all with null). */
    synchronized List<ObjectNode> activeRuns(Long jobId) {
        if (jobId == null) {
            return query("SELECT doc FROM runs WHERE parent_id IS NULL AND active ORDER BY run_id");
        }
        return query("SELECT doc FROM runs WHERE parent_id IS NULL AND active AND job_id = ? ORDER BY run_id", jobId);
    }

    /** Deletes a run and its task runs; the token stays taken, so a retried submission does not start it again. */
    synchronized void deleteRun(long runId) {
        update("DELETE FROM runs WHERE parent_id = ?", runId);
        update("UPDATE runs SET doc = ?, active = FALSE, start_time = -1 WHERE run_id = ?", "{\"deleted\":true}", runId);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing at shutdown: nothing to save
        }
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private List<ObjectNode> query(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
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

    private static void bind(PreparedStatement p, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("Jobs control plane: " + e.getMessage(), e);
    }
}
