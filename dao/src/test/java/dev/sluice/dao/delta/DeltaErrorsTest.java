package dev.sluice.dao.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each type of the Delta error taxonomy provoked for real on the local warehouse, through the DAO and plain JDBC. */
@ExtendWith(LocalWarehouseExtension.class)
class DeltaErrorsTest {

    private final LocalWarehouse warehouse;
    private final DataSource sluice;
    private final DataSource official;
    private String schema;

    DeltaErrorsTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.sluice = new DriverDataSource(new SluiceDriver(), warehouse.jdbcUrl());
        this.official = new DriverDataSource(new com.databricks.client.jdbc.Driver(),
                warehouse.jdbcUrl() + ";UseThriftClient=0;EnableTelemetry=0");
    }

    @BeforeEach
    void createSchema() throws SQLException {
        schema = "dao_errors_" + UUID.randomUUID().toString().substring(0, 8);
        sql(sluice, "CREATE SCHEMA main." + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        sql(sluice, "DROP SCHEMA main." + schema + " CASCADE");
    }

    private static void sql(DataSource ds, String text) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(text);
        }
    }

    private DeltaTable table(DataSource ds, String name) {
        return DeltaTable.of(ds, TableName.of("main", schema, name));
    }

    private DeltaTable numbers(String name) throws SQLException {
        DeltaTable t = table(sluice, name);
        t.create(TableDefinition.builder().column("id", "bigint").column("v", "int").build());
        t.append(Rows.builder("id", "v").add(1L, 1).add(2L, 2).build());
        return t;
    }

    @Test
    void tableNotFound() {
        for (DataSource ds : new DataSource[] {sluice, official}) {
            assertThatThrownBy(() -> table(ds, "missing").history(1))
                    .isInstanceOfSatisfying(TableNotFound.class, e -> {
                        assertThat(e.errorClass()).hasValue("TABLE_OR_VIEW_NOT_FOUND");
                        assertThat(e.getCause()).isInstanceOf(SQLException.class);
                        assertThat(e.kind()).isEqualTo(DeltaErrorKind.TABLE_NOT_FOUND);
                    });
        }
        assertThatThrownBy(() -> table(sluice, "missing").detail()).isInstanceOfSatisfying(TableNotFound.class,
                e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
    }

    @Test
    void versionNotFoundNamesTheAvailableRange() throws SQLException {
        DeltaTable t = numbers("travel");
        for (DataSource ds : new DataSource[] {sluice, official}) {
            assertThatThrownBy(() -> table(ds, "travel").readAll(ReadRequest.builder().asOfVersion(9999).build(),
                    rs -> rs.getLong(1)))
                    .isInstanceOfSatisfying(VersionNotFound.class, e -> {
                        assertThat(e.errorClass()).hasValue("DELTA_VERSION_NOT_FOUND");
                        assertThat(e.earliestVersion()).hasValue(0);
                        assertThat(e.latestVersion()).hasValue(1);
                    });
        }
        assertThatThrownBy(() -> t.restoreToVersion(9999)).isInstanceOf(VersionNotFound.class);
        assertThatThrownBy(() -> t.readAll(ReadRequest.builder().asOfTimestamp(java.time.Instant.parse("2001-01-01T00:00:00Z"))
                .build(), rs -> rs.getLong(1))).isInstanceOf(VersionNotFound.class);
    }

    @Test
    void constraintViolation() throws SQLException {
        DeltaTable t = table(sluice, "checked");
        t.create(TableDefinition.builder().column(StructField.of("id", "bigint").notNull()).column("v", "int")
                .check("positive", "v > 0").build());
        assertThatThrownBy(() -> t.append(Rows.builder("id", "v").add(1L, -5).build()))
                .isInstanceOfSatisfying(ConstraintViolation.class, e -> {
                    assertThat(e.getSQLState()).startsWith("23");
                    assertThat(e.getMessage()).contains("positive");
                });
        assertThatThrownBy(() -> t.append(Rows.builder("id", "v").add(null, 5).build()))
                .isInstanceOf(ConstraintViolation.class);
        assertThat(t.history()).extracting(HistoryEntry::operation).doesNotContain("WRITE");
    }

    @Test
    void schemaEvolutionConflict() throws SQLException {
        DeltaTable t = numbers("typed");
        // the server's refusal, classified from plain JDBC
        try (Connection c = sluice.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("ALTER TABLE " + t.name() + " ALTER COLUMN v TYPE STRING"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(DeltaErrors.kind(e))
                            .isEqualTo(DeltaErrorKind.SCHEMA_EVOLUTION_CONFLICT));
        }
        // and through the DAO, over both drivers: rows with a column more than the table has
        for (DataSource ds : new DataSource[] {sluice, official}) {
            assertThatThrownBy(() -> table(ds, "typed").write(WriteRequest.appendQuery("SELECT 3L, 3, 'extra'").build()))
                    .isInstanceOfSatisfying(SchemaEvolutionConflict.class,
                            e -> assertThat(e.errorClass()).isPresent());
        }
        assertThat(t.history(1).get(0).operation()).isEqualTo("WRITE");
        assertThat(t.readAll(ReadRequest.all(), rs -> rs.getLong(1))).hasSize(2);
        // an incompatible change found before anything is sent
        StructType narrower = StructType.of(StructField.of("id", "int"), StructField.of("v", "int"));
        assertThatThrownBy(() -> t.evolve(narrower, EvolveOptions.defaults().withTypeWidening()))
                .isInstanceOfSatisfying(SchemaEvolutionConflict.class, e -> {
                    assertThat(e.getMessage()).contains("id: narrows BIGINT to INT");
                    assertThat(e.errorClass()).isEmpty();
                });
    }

    @Test
    void concurrentModificationAfterTheDriversRetries() throws Exception {
        DeltaTable t = numbers("contended");
        String gate = "/sluice/gates/" + t.name().table() + schema;
        DataSource noRetry = new DriverDataSource(new SluiceDriver(),
                warehouse.jdbcUrl() + ";ConcurrentModificationRetryAttempts=1");
        // a MERGE held at a gate inside its transaction while an UPDATE of the same row commits
        MergeRequest heldDelete = MergeRequest.builder()
                .sourceQuery("SELECT 2L AS id WHERE reflect('dev.sluice.warehouse.sql.Gates', 'pass', ?,"
                        + " CAST(120000 AS BIGINT)) = 'open'", t.name().table() + schema)
                .on("t.id = s.id").whenMatchedDelete().build();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<MergeResult> merge = CompletableFuture.supplyAsync(() -> {
            try {
                return DeltaTable.of(noRetry, t.name()).merge(heldDelete);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
        try {
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!waiting(http, gate)) {
                assertThat(merge).as("the MERGE is still running").isNotDone();
                assertThat(System.nanoTime()).as("the MERGE reached its gate").isLessThan(until);
                Thread.sleep(20);
            }
            assertThat(table(sluice, "contended").update(Assignments.builder().value("v", 9).build(),
                    Condition.of("id = ?", 2L))).isEqualTo(1);
        } finally {
            send(http, HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + gate)).POST(HttpRequest.BodyPublishers.ofString("{}")));
        }
        assertThatThrownBy(() -> merge.get(120, TimeUnit.SECONDS)).hasCauseInstanceOf(ConcurrentModification.class)
                .satisfies(e -> assertThat(((ConcurrentModification) e.getCause()).errorClass().orElseThrow())
                        .startsWith("DELTA_CONCURRENT"));
        send(http, HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + gate)).DELETE());
        assertThat(t.readAll(ReadRequest.builder().orderBy("id").build(), rs -> rs.getLong(1) + ":" + rs.getInt(2)))
                .containsExactly("1:1", "2:9");
    }

    private boolean waiting(HttpClient http, String gate) throws Exception {
        String body = send(http, HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + gate)).GET());
        return body.replace(" ", "").matches(".*\"waiting\":[1-9].*");
    }

    private String send(HttpClient http, HttpRequest.Builder b) throws Exception {
        HttpRequest r = b.header("Authorization", "Bearer " + warehouse.token()).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void kindClassifiesPlainJdbcErrorsOfBothDrivers() throws SQLException {
        numbers("plain");
        for (DataSource ds : new DataSource[] {sluice, official}) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM main." + schema + ".nope"))
                        .satisfies(e -> assertThat(DeltaErrors.kind((SQLException) e)).isEqualTo(DeltaErrorKind.TABLE_NOT_FOUND));
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM main." + schema + ".plain VERSION AS OF 77"))
                        .satisfies(e -> assertThat((Throwable) DeltaErrors.translate((SQLException) e))
                                .isInstanceOf(VersionNotFound.class));
                assertThatThrownBy(() -> s.executeQuery("SELECT nonsense FROM"))
                        .satisfies(e -> assertThat(DeltaErrors.kind((SQLException) e)).isEqualTo(DeltaErrorKind.OTHER));
            }
        }
    }
}
