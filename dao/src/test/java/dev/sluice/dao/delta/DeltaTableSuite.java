package dev.sluice.dao.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every SQL operation of the DAO end to end against the local warehouse, asserting the table's rows and history
 * afterwards. One subclass per driver: the DAO must work over any DataSource.
 */
@ExtendWith(LocalWarehouseExtension.class)
abstract class DeltaTableSuite {

    protected final LocalWarehouse warehouse;
    protected DataSource dataSource;
    protected String schema;

    DeltaTableSuite(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    protected abstract DataSource dataSource(LocalWarehouse warehouse);

    @BeforeEach
    void createSchema() throws SQLException {
        dataSource = dataSource(warehouse);
        schema = "dao_" + getClass().getSimpleName().toLowerCase().replace("test", "") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE SCHEMA main." + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        sql("DROP SCHEMA main." + schema + " CASCADE");
    }

    protected void sql(String text) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(text);
        }
    }

    protected DeltaTable table(String name) {
        return DeltaTable.of(dataSource, TableName.of("main", schema, name));
    }

    /** A table named by a reserved word, with columns whose names hold a space and a backtick. */
    private DeltaTable customers() throws SQLException {
        DeltaTable t = table("order");
        t.create(TableDefinition.builder()
                .column(StructField.of("id", "bigint").notNull().withComment("the key"))
                .column("full name", "string")
                .column("ci`ty", "string")
                .column("v", "int")
                .property("delta.columnMapping.mode", "name")
                .comment("customers, it's a test")
                .build());
        return t;
    }

    private static final RowMapper<String> ROW = rs -> rs.getLong("id") + ":" + rs.getString("full name") + ":"
            + rs.getString("ci`ty") + ":" + rs.getObject("v");

    private List<String> rows(DeltaTable t) throws SQLException {
        return t.readAll(ReadRequest.builder().orderBy("id").build(), ROW);
    }

    private static Rows people(long... ids) {
        Rows.Builder b = Rows.builder("id", "full name", "ci`ty", "v");
        for (long id : ids) {
            b.add(id, "n" + id, "c" + id, (int) id * 10);
        }
        return b.build();
    }

    @Test
    void createAppendReadAndTimeTravel() throws SQLException {
        DeltaTable t = customers();
        WriteRequest append = WriteRequest.append(people(1, 2, 3, 4, 5)).batchRows(2).build();
        assertThat(t.write(append)).isEqualTo(5);
        assertThat(rows(t)).containsExactly("1:n1:c1:10", "2:n2:c2:20", "3:n3:c3:30", "4:n4:c4:40", "5:n5:c5:50");

        List<HistoryEntry> history = t.history();
        assertThat(history).extracting(HistoryEntry::version).containsExactly(3L, 2L, 1L, 0L);
        assertThat(history).extracting(HistoryEntry::operation).containsExactly("WRITE", "WRITE", "WRITE", "CREATE TABLE");
        HistoryEntry first = history.get(2);
        assertThat(first.parameters()).containsEntry("mode", "Append");
        assertThat(first.metrics()).containsEntry("numOutputRows", 2L);
        assertThat(first.readVersion()).hasValue(0);
        assertThat(first.isBlindAppend()).isTrue();
        assertThat(first.engineInfo()).isPresent();
        assertThat(t.history(1)).extracting(HistoryEntry::version).containsExactly(3L);

        ReadRequest filtered = ReadRequest.builder().columns("id", "full name").filter("`ci``ty` = ? OR v > ?", "c1", 40)
                .orderBy("id").build();
        assertThat(t.readAll(filtered, rs -> rs.getLong(1) + ":" + rs.getString(2))).containsExactly("1:n1", "5:n5");
        assertThat(t.readAll(ReadRequest.builder().asOfVersion(1).orderBy("id").build(), ROW))
                .containsExactly("1:n1:c1:10", "2:n2:c2:20");
        ReadRequest asOfTime = ReadRequest.builder().asOfTimestamp(history.get(1).timestamp()).orderBy("id").build();
        assertThat(t.readAll(asOfTime, ROW)).hasSize(4);
        assertThat(t.readAll(ReadRequest.builder().orderBy("id").limit(2).build(), ROW)).hasSize(2);
    }

    @Test
    void appendWithMergeSchemaAddsTheNewColumn() throws SQLException {
        DeltaTable t = table("evolving");
        t.create(TableDefinition.builder().column("id", "bigint").column("name", "string").build());
        t.append(Rows.builder("id", "name").add(1L, "one").build());

        Rows wider = Rows.builder("id", "name", "score").add(2L, "two", 20).add(3L, "three", 30).build();
        assertThatThrownBy(() -> t.append(wider)).isInstanceOf(SQLException.class).hasMessageContaining("score");
        // columns by name: the rows may also come in another order than the table's
        Rows reordered = Rows.builder("score", "id", "name").add(40, 4L, "four").build();
        assertThat(t.write(WriteRequest.append(wider).mergeSchema().batchRows(1).build())).isEqualTo(2);
        assertThat(t.write(WriteRequest.append(reordered).mergeSchema().build())).isEqualTo(1);

        assertThat(t.schema().names()).containsExactly("id", "name", "score");
        assertThat(t.schema().fields().get(2).type().sql()).isEqualToIgnoringCase("INT");
        assertThat(t.readAll(ReadRequest.builder().orderBy("id").build(),
                rs -> rs.getLong("id") + ":" + rs.getString("name") + ":" + rs.getObject("score")))
                .containsExactly("1:one:null", "2:two:20", "3:three:30", "4:four:40");
        assertThat(t.history(1).get(0).operation()).isEqualTo("WRITE");
        assertThatThrownBy(() -> WriteRequest.overwrite(wider).mergeSchema().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OVERWRITE");
    }

    @Test
    void readsStreamRowByRow() throws SQLException {
        DeltaTable t = table("numbers");
        t.create(TableDefinition.builder().column("id", "bigint").build());
        assertThat(t.write(WriteRequest.appendQuery("SELECT id FROM range(?)", 30_000).build())).isEqualTo(30_000);
        try (Stream<Long> ids = t.read(ReadRequest.all(), rs -> rs.getLong(1))) {
            assertThat(ids.mapToLong(Long::longValue).summaryStatistics())
                    .satisfies(s -> {
                        assertThat(s.getCount()).isEqualTo(30_000);
                        assertThat(s.getSum()).isEqualTo(30_000L * 29_999 / 2);
                    });
        }
        try (Stream<Long> ids = t.read(ReadRequest.all(), rs -> rs.getLong(1))) {
            assertThat(ids.limit(3)).hasSize(3);
        }
    }

    @Test
    void overwriteAndReplaceWhere() throws SQLException {
        DeltaTable t = customers();
        t.append(people(1, 2, 3));
        assertThat(t.write(WriteRequest.overwrite(people(7, 8)).build())).isEqualTo(2);
        assertThat(rows(t)).containsExactly("7:n7:c7:70", "8:n8:c8:80");
        assertThat(t.history(1).get(0).parameters()).containsEntry("mode", "Overwrite");

        Rows replacement = Rows.builder("id", "full name").add(8L, "eight").add(9L, "nine").build();
        assertThat(t.write(WriteRequest.replaceWhere(Condition.of("id >= 8"), replacement).build())).isEqualTo(2);
        assertThat(rows(t)).containsExactly("7:n7:c7:70", "8:eight:null:null", "9:nine:null:null");
        assertThat(t.history(1).get(0).parameters()).containsEntry("predicate", "(id >= 8L)");

        t.write(WriteRequest.overwriteQuery("SELECT id, `full name`, `ci``ty`, v FROM " + t.name() + " WHERE id = ?", 7L)
                .build());
        assertThat(rows(t)).containsExactly("7:n7:c7:70");
        assertThatThrownBy(() -> t.write(WriteRequest.overwrite(people(1, 2, 3)).batchRows(2).build()))
                .isInstanceOf(SQLException.class).hasMessageContaining("exceeds batchRows 2")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }

    @Test
    void mergeWithEveryClause() throws SQLException {
        DeltaTable t = customers();
        t.append(people(1, 2, 3, 4, 5, 6));
        Rows source = Rows.builder("id", "full name", "ci`ty", "v", "op")
                .add(1L, "n1", "c1", 10, "delete")
                .add(2L, "n2", "c2", 20, "bump")
                .add(3L, "three", "Paris", 33, "replace")
                .add(10L, "ten", "Oslo", 100, "insert")
                .add(11L, "eleven", "Rome", 110, "other")
                .build();
        MergeRequest merge = MergeRequest.builder()
                .sourceRows(source)
                .on("t.id = s.id")
                .whenMatchedDelete(Condition.of("s.op = ?", "delete"))
                .whenMatchedUpdate(Condition.of("s.op = ?", "bump"),
                        Assignments.builder().expression("v", "t.v + ?", 5).build())
                .whenMatchedUpdate(Assignments.fromSource("s", "full name", "ci`ty", "v"))
                .whenNotMatchedInsert(Condition.of("s.op = ?", "insert"),
                        Assignments.builder().expression("id", "s.id").expression("full name", "upper(s.`full name`)")
                                .value("ci`ty", "from merge").expression("v", "s.v").build())
                .whenNotMatchedInsert(Assignments.fromSource("s", "id", "full name", "ci`ty", "v"))
                .whenNotMatchedBySourceUpdate(Condition.of("t.id = ?", 4L),
                        Assignments.builder().value("v", -4).build())
                .whenNotMatchedBySourceDelete()
                .build();
        MergeResult result = t.merge(merge);
        assertThat(result).isEqualTo(new MergeResult(8, 3, 3, 2));
        assertThat(rows(t)).containsExactly("2:n2:c2:25", "3:three:Paris:33", "4:n4:c4:-4", "10:TEN:from merge:100",
                "11:eleven:Rome:110");
        HistoryEntry h = t.history(1).get(0);
        assertThat(h.operation()).isEqualTo("MERGE");
        assertThat(h.metric("numTargetRowsInserted")).isEqualTo(2);
        assertThat(h.metric("numTargetRowsDeleted")).isEqualTo(3);
        assertThat(h.parameters().get("notMatchedBySourcePredicates")).contains("delete");
    }

    @Test
    void mergeFromATableAndFromAQueryWithSchemaEvolution() throws SQLException {
        DeltaTable target = table("target");
        target.create(TableDefinition.builder().column("id", "bigint").column("name", "string").build());
        target.append(Rows.builder("id", "name").add(1L, "a").add(2L, "b").build());
        DeltaTable updates = table("updates");
        updates.create(TableDefinition.builder().column("id", "bigint").column("name", "string").build());
        updates.append(Rows.builder("id", "name").add(2L, "B").add(3L, "C").build());

        MergeResult fromTable = target.merge(MergeRequest.builder().sourceTable(updates.name()).on("t.id = s.id")
                .whenMatchedUpdateAll().whenNotMatchedInsertAll().build());
        assertThat(fromTable).isEqualTo(new MergeResult(2, 1, 0, 1));

        MergeResult evolved = target.merge(MergeRequest.builder()
                .sourceQuery("SELECT CAST(? AS BIGINT) AS id, ? AS name, ? AS score", 4L, "d", 9.5)
                .on("t.id = s.id").whenMatchedUpdateAll().whenNotMatchedInsertAll().withSchemaEvolution().build());
        assertThat(evolved.inserted()).isEqualTo(1);
        assertThat(target.schema().names()).containsExactly("id", "name", "score");
        assertThat(target.readAll(ReadRequest.builder().orderBy("id").build(),
                rs -> rs.getLong("id") + rs.getString("name") + rs.getObject("score")))
                .containsExactly("1anull", "2Bnull", "3Cnull", "4d9.5");
    }

    @Test
    void deleteAndUpdateReturnTheRowsTheyTouched() throws SQLException {
        DeltaTable t = customers();
        t.append(people(1, 2, 3, 4));
        assertThat(t.delete(Condition.of("v >= ?", 30))).isEqualTo(2);
        assertThat(t.update(Assignments.builder().value("ci`ty", "Lyon").expression("v", "v + 1").build(),
                Condition.of("id = ?", 2L))).isEqualTo(1);
        assertThat(rows(t)).containsExactly("1:n1:c1:10", "2:n2:Lyon:21");
        assertThat(t.history(2)).extracting(HistoryEntry::operation).containsExactly("UPDATE", "DELETE");
    }

    @Test
    void optimizeCompactsAndZOrders() throws SQLException {
        DeltaTable t = customers();
        for (long i = 1; i <= 3; i++) {
            t.append(people(i));
        }
        OptimizeResult r = t.optimize(OptimizeRequest.all().zOrderBy("v"));
        assertThat(r.filesRemoved()).isEqualTo(3);
        assertThat(r.filesAdded()).isEqualTo(1);
        assertThat(r.bytesAdded()).isPositive();
        HistoryEntry h = t.history(1).get(0);
        assertThat(h.operation()).isEqualTo("OPTIMIZE");
        assertThat(h.parameters().get("zOrderBy")).contains("v");
        assertThat(rows(t)).hasSize(3);
    }

    @Test
    void vacuumChecksTheRetentionAndCanDryRun() throws SQLException {
        DeltaTable t = customers();
        t.append(people(1));
        t.write(WriteRequest.overwrite(people(2)).build());
        long versions = t.history().size();

        assertThatThrownBy(() -> t.vacuum(VacuumRequest.defaults().retain(Duration.ofHours(1))))
                .isInstanceOfSatisfying(VacuumRetentionTooShort.class, e -> {
                    assertThat(e.getMessage()).contains("1 hours").contains("168 hours");
                    assertThat(e.requested()).hasValue(Duration.ofHours(1));
                    assertThat(e.minimum()).hasValue(Duration.ofDays(7));
                    assertThat(e.getSQLState()).isEqualTo("22003");
                    assertThat(DeltaErrors.kind(e)).isEqualTo(DeltaErrorKind.VACUUM_RETENTION_TOO_SHORT);
                });
        assertThat(t.history()).hasSize((int) versions);

        VacuumResult dry = t.vacuum(VacuumRequest.defaults().retain(Duration.ZERO).allowShortRetention().dryRun());
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.filesToDelete()).hasSize(1).allSatisfy(p -> assertThat(p).endsWith(".parquet"));

        t.setRetention(null, Duration.ofHours(2));
        assertThat(t.properties()).containsEntry("delta.deletedFileRetentionDuration", "interval 2 hours");
        assertThatThrownBy(() -> t.vacuum(VacuumRequest.defaults().retain(Duration.ofHours(1)).lite()))
                .isInstanceOf(VacuumRetentionTooShort.class).hasMessageContaining("2 hours");
        assertThat(t.vacuum(VacuumRequest.defaults().retain(Duration.ofHours(2)).lite()).dryRun()).isFalse();

        VacuumResult done = t.vacuum(VacuumRequest.defaults().retain(Duration.ZERO).allowShortRetention());
        assertThat(done.dryRun()).isFalse();
        // what is left to list are directories (column mapping's random prefixes), no data file
        assertThat(t.vacuum(VacuumRequest.defaults().retain(Duration.ZERO).allowShortRetention().dryRun())
                .filesToDelete()).noneMatch(p -> p.endsWith(".parquet"));
        assertThat(rows(t)).containsExactly("2:n2:c2:20");
    }

    @Test
    void allowShortRetentionLastsOneStatement() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DeltaTable t = DeltaTable.of(c, TableName.of("main", schema, "short"));
            t.create(TableDefinition.builder().column("id", "bigint").build());
            t.append(Rows.builder("id").add(1L).build());
            t.vacuum(VacuumRequest.defaults().retain(Duration.ZERO).allowShortRetention());
            // the same session: the server's own check is on again
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("VACUUM " + t.name() + " RETAIN 0 HOURS"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT")
                        .satisfies(e -> assertThat(DeltaErrors.kind((SQLException) e))
                                .isEqualTo(DeltaErrorKind.VACUUM_RETENTION_TOO_SHORT));
            }
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void restoreToAVersionAndToATimestamp() throws SQLException {
        DeltaTable t = customers();
        t.append(people(1));
        t.append(people(2));
        t.delete(Condition.of("id = ?", 1L));
        RestoreResult r = t.restoreToVersion(1);
        assertThat(r.numRestoredFiles()).isEqualTo(1);
        assertThat(r.numOfFilesAfterRestore()).isEqualTo(1);
        assertThat(rows(t)).containsExactly("1:n1:c1:10");
        HistoryEntry h = t.history(1).get(0);
        assertThat(h.operation()).isEqualTo("RESTORE");
        assertThat(h.parameters()).containsEntry("version", "1");

        java.time.Instant v2 = t.history().stream().filter(e -> e.version() == 2).findFirst().orElseThrow().timestamp();
        t.restoreToTimestamp(v2);
        assertThat(rows(t)).containsExactly("1:n1:c1:10", "2:n2:c2:20");
        assertThat(t.history(1).get(0).parameters()).containsKey("timestamp");
    }

    @Test
    void detailPropertiesAndLifecycle() throws SQLException {
        DeltaTable t = table("events");
        TableDefinition def = TableDefinition.builder()
                .column(StructField.of("id", "bigint").notNull())
                .column("day", "date")
                .column("amount", "decimal(10,2)")
                .partitionedBy("day")
                .check("positive", "amount > 0")
                .property("delta.logRetentionDuration", "interval 30 days")
                .comment("events")
                .build();
        assertThat(t.exists()).isFalse();
        assertThat(t.createIfAbsent(def)).isTrue();
        assertThat(t.createIfAbsent(def)).isFalse();
        assertThat(t.exists()).isTrue();
        t.append(Rows.builder("id", "day", "amount").add(1L, java.sql.Date.valueOf("2024-01-02"),
                new java.math.BigDecimal("9.50")).build());

        TableDetail d = t.detail();
        assertThat(d.format()).isEqualTo("delta");
        assertThat(d.partitionColumns()).containsExactly("day");
        assertThat(d.clusteringColumns()).isEmpty();
        assertThat(d.numFiles()).isEqualTo(1);
        assertThat(d.sizeInBytes()).isPositive();
        assertThat(d.description()).hasValue("events");
        assertThat(d.properties()).containsEntry("delta.logRetentionDuration", "interval 30 days")
                .containsEntry("delta.constraints.positive", "amount > 0");
        assertThat(d.tableFeatures()).contains("checkConstraints");
        assertThat(d.minWriterVersion()).isGreaterThanOrEqualTo(3);

        t.setRetention(Duration.ofDays(60), Duration.ofDays(14));
        t.setAutoOptimize(true, false);
        t.enableTypeWidening();
        assertThat(t.properties()).containsEntry("delta.logRetentionDuration", "interval 1440 hours")
                .containsEntry("delta.deletedFileRetentionDuration", "interval 336 hours")
                .containsEntry("delta.autoOptimize.optimizeWrite", "true")
                .containsEntry("delta.enableTypeWidening", "true");

        DeltaTable clustered = table("clustered");
        clustered.create(TableDefinition.builder().column("id", "bigint").column("k", "string").clusterBy("k").build());
        assertThat(clustered.detail().clusteringColumns()).containsExactly("k");

        t.drop();
        assertThat(t.exists()).isFalse();
        t.dropIfExists();
        assertThatThrownBy(t::drop).isInstanceOf(TableNotFound.class);
    }
}
