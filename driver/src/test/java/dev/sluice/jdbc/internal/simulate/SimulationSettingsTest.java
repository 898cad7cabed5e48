package dev.sluice.jdbc.internal.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Simulation properties refuse bad values by name, and a replay needs nothing but its directory: a
 * hand-written one-mapping recording opens a connection with nothing listening, and the first request it lacks
 * fails saying what was sent and what the closest recorded request was.
 */
class SimulationSettingsTest {
    private static final String URL = "jdbc:databricks://127.0.0.1:1/default;ssl=0;httpPath=/sql/1.0/warehouses/w1"
            + ";AuthMech=3;UID=token;PWD=unused";

    @TempDir
    Path dir;

    private static Connection connect(String extra) throws SQLException {
        return new SluiceDriver().connect(URL + extra, new Properties());
    }

    @Test
    void anUnknownModeAndAMissingDirectoryAreRefusedByName() {
        assertThatThrownBy(() -> connect(";Simulation=rewind")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22023");
            assertThat(e.getMessage()).contains("Simulation", "rewind", "dry-run");
        });
        assertThatThrownBy(() -> connect(";Simulation=replay")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22023");
            assertThat(e.getMessage()).contains("SimulationDir");
        });
        assertThatThrownBy(() -> connect(";Simulation=replay;SimulationDir=" + dir))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("58030");
                    assertThat(e.getMessage()).contains("no recording", "mappings");
                });
    }

    @Test
    void aReplayOpensNoSocketAndAnUnrecordedStatementNamesTheClosestRecordedOne() throws Exception {
        Files.createDirectories(dir.resolve("mappings"));
        Files.writeString(dir.resolve("mappings/0001-post-sessions.json"), """
                {"request": {"method": "POST", "url": "/api/2.0/sql/sessions/",
                             "bodyPatterns": [{"equalToJson": {"warehouse_id": "w1", "schema": "default"}}]},
                 "response": {"status": 200, "jsonBody": {"session_id": "session-1"}}}
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("mappings/0002-post-statements.json"), """
                {"request": {"method": "POST", "url": "/api/2.0/sql/statements/",
                             "bodyPatterns": [{"equalToJson": {"statement": "SELECT 1", "session_id": "session-1",
                                               "disposition": "INLINE_OR_EXTERNAL_LINKS", "format": "ARROW_STREAM"}}]},
                 "response": {"status": 200, "jsonBody": {"statement_id": "statement-1",
                                                          "status": {"state": "CANCELED"}}}}
                """, StandardCharsets.UTF_8);
        try (Connection c = connect(";Simulation=replay;SimulationDir=" + dir); Statement s = c.createStatement()) {
            // the mapping names four fields, the driver sends more: matched as WireMock would, answered CANCELED
            assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getMessage()).doesNotContain("no recorded answer").contains("cancel"));
            assertThatThrownBy(() -> s.executeQuery("SELECT 2")).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getMessage()).contains("no recorded answer", "POST /api/2.0/sql/statements",
                        "closest recorded: POST /api/2.0/sql/statements/",
                        "statement: recorded \"SELECT 1\", sent \"SELECT 2\"");
                assertThat(e.getMessage()).doesNotContain("session_id: recorded", "result_compression: recorded");
            });
        }
    }
}
