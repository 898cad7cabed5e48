package dev.sluice.examples;

import dev.sluice.dao.delta.Assignments;
import dev.sluice.dao.delta.Condition;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.HistoryEntry;
import dev.sluice.dao.delta.MergeRequest;
import dev.sluice.dao.delta.MergeResult;
import dev.sluice.dao.delta.OptimizeRequest;
import dev.sluice.dao.delta.OptimizeResult;
import dev.sluice.dao.delta.ReadRequest;
import dev.sluice.dao.delta.RestoreResult;
import dev.sluice.dao.delta.Rows;
import dev.sluice.dao.delta.SchemaDiff;
import dev.sluice.dao.delta.StructField;
import dev.sluice.dao.delta.StructType;
import dev.sluice.dao.delta.TableDefinition;
import dev.sluice.dao.delta.TableDetail;
import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.delta.VacuumRequest;
import dev.sluice.dao.delta.VacuumResult;
import dev.sluice.dao.delta.VacuumRetentionTooShort;
import dev.sluice.dao.delta.VersionNotFound;
import dev.sluice.dao.delta.EvolveOptions;
import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * A Delta table's life through the Sluice DAO: create, load, merge, time travel, history, schema evolution,
 * optimize, vacuum, restore. Every step is one typed call; what is printed comes from the typed results.
 *
 * <p>With no configuration it starts a local warehouse (Spark + Delta in a child JVM, data under
 * {@code target/delta-tour}) and talks to it over the Databricks REST API. With {@code DATABRICKS_HOST},
 * {@code DATABRICKS_HTTP_PATH} and {@code DATABRICKS_TOKEN} set, it runs the same steps on that workspace
 * (catalog {@code DATABRICKS_CATALOG}, default {@code main}; schema {@code sluice_demo}).
 */
public final class DeltaTour {

    /** One customer as the tour writes it: the record's components are the columns. */
    record Customer(long id, String name, String city, Timestamp updated_at) {
    }

    private final DataSource dataSource;
    private final DeltaTable customers;

    private DeltaTour(DataSource dataSource, String catalog) {
        this.dataSource = dataSource;
        this.customers = DeltaTable.of(dataSource, TableName.of(catalog, "sluice_demo", "customers"));
    }

    public static void main(String[] args) throws Exception {
        String host = System.getenv("DATABRICKS_HOST");
        String httpPath = System.getenv("DATABRICKS_HTTP_PATH");
        String token = System.getenv("DATABRICKS_TOKEN");
        String catalog = System.getenv().getOrDefault("DATABRICKS_CATALOG", "main");
        if (host != null && httpPath != null && token != null) {
            String h = host.replaceFirst("^https?://", "").replaceAll("/+$", "");
            say("Using the workspace " + h + " (" + httpPath + ")");
            run("jdbc:databricks://" + h + ":443/default;AuthMech=3;UID=token;PWD=" + token + ";httpPath=" + httpPath,
                    catalog);
            return;
        }
        say("No DATABRICKS_HOST/DATABRICKS_HTTP_PATH/DATABRICKS_TOKEN: starting a local warehouse"
                + " (Spark + Delta in its own JVM; the first start takes a few seconds)");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(Path.of("target", "delta-tour", "data")).start()) {
            say("Local warehouse ready at " + w.baseUrl() + " in " + w.startupTime().toMillis() + " ms");
            run(w.jdbcUrl(), "main");
        }
    }

    private static void run(String url, String catalog) throws SQLException {
        SluiceDataSource ds = new SluiceDataSource();
        ds.setUrl(url);
        new DeltaTour(ds, catalog).tour(catalog);
    }

    private void tour(String catalog) throws SQLException {
        step("1. Create a schema and a Delta table " + customers.name());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS `" + catalog + "`.sluice_demo");
        }
        // dropped first so the history starts at version 0 on every run
        customers.dropIfExists();
        customers.create(TableDefinition.builder()
                .column(StructField.of("id", "bigint").notNull().withComment("customer number"))
                .column("name", "string")
                .column("city", "string")
                .column("updated_at", "timestamp")
                .check("valid_id", "id > 0")
                .comment("Customers of the Sluice tour")
                .build());
        TableDetail detail = customers.detail();
        say("   format " + detail.format() + ", reader/writer protocol " + detail.minReaderVersion() + "/"
                + detail.minWriterVersion() + ", features " + detail.tableFeatures());

        step("2. Load rows from Java records (one multi-row INSERT, every value a bound parameter)");
        Timestamp now = Timestamp.from(Instant.now());
        long written = customers.append(Rows.ofRecords(List.of(
                new Customer(1, "Ada", "London", now), new Customer(2, "Grace", "New York", now),
                new Customer(3, "Linus", "Helsinki", now), new Customer(4, "Barbara", "Boston", now))));
        say("   " + written + " rows written");
        long loaded = customers.history(1).get(0).version();
        print(ReadRequest.builder().orderBy("id").build());

        step("3. Merge changes: Grace moves, Linus leaves, Edsger arrives");
        MergeResult merged = customers.merge(MergeRequest.builder()
                .sourceRows(Rows.builder("id", "name", "city", "op")
                        .add(2L, "Grace", "Arlington", "upsert")
                        .add(3L, "Linus", "Helsinki", "delete")
                        .add(5L, "Edsger", "Austin", "upsert").build())
                .on("t.id = s.id")
                .whenMatchedDelete(Condition.of("s.op = ?", "delete"))
                .whenMatchedUpdate(Assignments.builder().expression("city", "s.city")
                        .expression("updated_at", "current_timestamp()").build())
                .whenNotMatchedInsert(Assignments.builder().expression("id", "s.id").expression("name", "s.name")
                        .expression("city", "s.city").expression("updated_at", "current_timestamp()").build())
                .build());
        say("   " + merged.affected() + " rows affected: " + merged.updated() + " updated, " + merged.deleted()
                + " deleted, " + merged.inserted() + " inserted");
        print(ReadRequest.builder().orderBy("id").build());

        step("4. Time travel: the table as it was before the merge (version " + loaded + "), and a version it never had");
        print(ReadRequest.builder().asOfVersion(loaded).orderBy("id").build());
        try {
            print(ReadRequest.builder().asOfVersion(99).build());
        } catch (VersionNotFound e) {
            say("   version 99: VersionNotFound, the table has versions " + e.earliestVersion().getAsLong() + " to "
                    + e.latestVersion().getAsLong());
        }

        step("5. Evolve the schema: add a loyalty tier (existing rows read it as NULL)");
        StructType expected = StructType.parseColumns(
                "id BIGINT NOT NULL, name STRING, city STRING, updated_at TIMESTAMP, tier STRING");
        SchemaDiff diff = customers.diff(expected);
        diff.changes().forEach(c -> say("   " + c.kind() + " " + c.column() + ": " + c.reason()));
        customers.evolve(expected, EvolveOptions.defaults());
        customers.update(Assignments.builder().value("tier", "gold").build(), Condition.of("city = ?", "London"));
        say("   columns now " + customers.schema().names());

        step("6. The table's history, newest first");
        for (HistoryEntry h : customers.history()) {
            StringBuilder counts = new StringBuilder();
            h.metrics().forEach((k, v) -> {
                if (k.matches("num(OutputRows|TargetRows(Inserted|Updated|Deleted)|UpdatedRows|DeletedRows)")) {
                    counts.append(counts.length() > 0 ? ", " : "").append(k).append('=').append(v);
                }
            });
            say(String.format("   v%d %-14s %s", h.version(), h.operation(), counts));
        }

        step("7. Optimize: compact small files and Z-order by city");
        OptimizeResult optimized = customers.optimize(OptimizeRequest.all().zOrderBy("city"));
        say("   " + optimized.filesRemoved() + " files (" + optimized.bytesRemoved() + " bytes) compacted into "
                + optimized.filesAdded() + " (" + optimized.bytesAdded() + " bytes)");

        step("8. Vacuum: the 7-day retention protects files that time travel still needs");
        try {
            customers.vacuum(VacuumRequest.defaults().retain(Duration.ofHours(1)));
        } catch (VacuumRetentionTooShort e) {
            say("   RETAIN 1 HOURS refused: under the table's minimum of " + e.minimum().orElseThrow().toHours() + " hours");
        }
        VacuumResult dry = customers.vacuum(VacuumRequest.defaults().dryRun());
        say("   dry run at the table's retention: " + dry.filesToDelete().size() + " files would be deleted");
        VacuumResult vacuumed = customers.vacuum(VacuumRequest.defaults());
        say("   vacuumed" + (vacuumed.filesDeleted().isPresent() ? ": " + vacuumed.filesDeleted().getAsLong()
                + " files deleted" : ""));

        step("9. Restore the table to version " + loaded + " (before the merge)");
        RestoreResult restored = customers.restoreToVersion(loaded);
        say("   " + restored.numRestoredFiles() + " files restored, " + restored.numRemovedFiles() + " removed");
        print(ReadRequest.builder().columns("id", "name", "city").orderBy("id").build());
        say("");
        say("Done. The table stays in " + customers.name() + "; run again to start over.");
    }

    private void print(ReadRequest request) throws SQLException {
        for (String row : customers.readAll(request, rs -> String.format("   %d | %-8s | %s", rs.getLong("id"),
                rs.getString("name"), rs.getString("city")))) {
            say(row);
        }
    }

    private static void step(String text) {
        say("");
        say(text);
    }

    private static void say(String text) {
        System.out.println(text);
    }
}
