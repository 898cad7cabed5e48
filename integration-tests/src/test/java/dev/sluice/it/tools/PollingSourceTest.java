package dev.sluice.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDBC calls of Kafka Connect's JDBC source task in timestamp+incrementing mode, in plain JDBC (the
 * connector itself is not pulled in): a connection in manual-commit mode, the database's current time read
 * with {@code SELECT CURRENT_TIMESTAMP}, and one prepared polling query, run again and again with the offset
 * (last timestamp, last id) and the upper bound bound to it, committing after each poll. Rows another
 * connection writes between polls are found exactly once.
 */
@ExtendWith(LocalWarehouseExtension.class)
class PollingSourceTest {
    private static final String POLL = "SELECT id, ts, payload FROM events WHERE ts < ?"
            + " AND ((ts = ? AND id > ?) OR ts > ?) ORDER BY ts, id ASC";

    private final LocalWarehouse warehouse;
    private ToolSchema schema;

    PollingSourceTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void createSchema() throws SQLException {
        schema = ToolSchema.create(warehouse, "polling");
        schema.execute("CREATE TABLE events (id BIGINT, ts TIMESTAMP, payload STRING)");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.close();
    }

    @Test
    void repeatedPollsInManualCommitModeSeeEachNewRowOnce() throws SQLException {
        try (Connection source = schema.dataSource().getConnection();
             Connection writer = schema.dataSource().getConnection();
             PreparedStatement poll = source.prepareStatement(POLL)) {
            source.setAutoCommit(false);
            // the offset, as the task keeps it: the last row's timestamp and id
            Timestamp[] lastTs = {new Timestamp(0)};
            long[] lastId = {-1};
            insert(writer, "(1, TIMESTAMP'2024-01-01 00:00:01', 'a'), (2, TIMESTAMP'2024-01-01 00:00:01', 'b')");
            List<String> first = poll(source, poll, lastTs, lastId);
            assertThat(first).containsExactly("1 a", "2 b");

            assertThat(poll(source, poll, lastTs, lastId)).as("nothing new").isEmpty();

            // the same timestamp with a higher id, and a later timestamp
            insert(writer, "(3, TIMESTAMP'2024-01-01 00:00:01', 'c'), (4, TIMESTAMP'2024-01-01 00:00:02', 'd')");
            assertThat(poll(source, poll, lastTs, lastId)).containsExactly("3 c", "4 d");
            assertThat(source.getAutoCommit()).isFalse();
        }
    }

    private static void insert(Connection writer, String values) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.executeUpdate("INSERT INTO events VALUES " + values);
        }
    }

    /** One poll as the task makes it: the database's time as the upper bound, the query, then commit. */
    private static List<String> poll(Connection c, PreparedStatement poll, Timestamp[] lastTs, long[] lastId)
            throws SQLException {
        Timestamp now;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            assertThat(rs.next()).isTrue();
            now = rs.getTimestamp(1);
        }
        poll.setTimestamp(1, now);
        poll.setTimestamp(2, lastTs[0]);
        poll.setLong(3, lastId[0]);
        poll.setTimestamp(4, lastTs[0]);
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = poll.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(3));
                lastId[0] = rs.getLong(1);
                lastTs[0] = rs.getTimestamp(2);
            }
        }
        c.commit();
        return rows;
    }
}
