package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.bench.probe.Checksum;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Sluice reads the inline JSON benchmark result through JDBC ({@code EnableArrow=0}) across its chunks, each
 * behind the previous one's {@code next_chunk_internal_link}: every row once, with the checksum the harness
 * expects from every reader.
 */
class InlineJsonServerTest {

    @Test
    void sluiceReadsEveryInlineChunk() throws Exception {
        try (InlineJsonServer server = InlineJsonServer.start(10_007, 2_000)) {
            assertEquals(6, server.chunks().size());
            String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
            String url = "jdbc:databricks://127.0.0.1:" + port + "/default;ssl=0;AuthMech=3;UID=token;PWD=x"
                    + ";httpPath=/sql/1.0/warehouses/bench;EnableArrow=0";
            long rows = 0;
            long acc = 0;
            try (Connection c = DriverManager.getConnection(url);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(ChildRunner.SQL)) {
                while (rs.next()) {
                    acc = Checksum.add(acc, rs.getLong(1), rs.getString(2), rs.getDouble(3));
                    rows++;
                }
            }
            assertEquals(server.rows(), rows);
            assertEquals(server.checksum(), acc);
            assertEquals(5, server.chunkRequests());
        }
    }
}
