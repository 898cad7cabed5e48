package dev.sluice.dao.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.jdbc.SluiceTelemetry;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DAO's spans and metrics for real operations against the local warehouse: a merge, a time-travel read and an
 * optimize (after appends), caught with an in-memory span exporter and a simple meter registry.
 */
@ExtendWith(LocalWarehouseExtension.class)
class DeltaObservabilityTest {

    private final LocalWarehouse warehouse;
    private DataSource dataSource;
    private String schema;
    private SimpleMeterRegistry registry;
    private InMemorySpanExporter exporter;
    private OpenTelemetrySdk sdk;

    DeltaObservabilityTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = new DriverDataSource(new SluiceDriver(), warehouse.jdbcUrl());
        schema = "dao_observe_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE SCHEMA main." + schema);
        registry = new SimpleMeterRegistry();
        exporter = InMemorySpanExporter.create();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
        DeltaTelemetry.useMeterRegistry(registry);
        DeltaTelemetry.useOpenTelemetry(sdk);
        // the driver's spans too, to see them nest under the DAO's
        SluiceTelemetry.useOpenTelemetry(sdk);
    }

    @AfterEach
    void tearDown() throws SQLException {
        DeltaTelemetry.useMeterRegistry(null);
        DeltaTelemetry.useOpenTelemetry(null);
        SluiceTelemetry.useOpenTelemetry(null);
        sdk.close();
        sql("DROP SCHEMA main." + schema + " CASCADE");
    }

    private void sql(String text) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(text);
        }
    }

    @Test
    void mergeReadAndOptimizeAreSpansAndCounters() throws SQLException {
        DeltaTable t = DeltaTable.of(dataSource, TableName.of("main", schema, "events"));
        String label = "main." + schema + ".events";
        t.create(TableDefinition.builder().column("id", "bigint").column("v", "string").build());
        // one row per statement: versions 1, 2, 3, three files for OPTIMIZE to compact
        Rows three = Rows.builder("id", "v").add(1L, "a").add(2L, "b").add(3L, "c").build();
        assertThat(t.write(WriteRequest.append(three).batchRows(1).build())).isEqualTo(3);

        MergeResult merged = t.merge(MergeRequest.builder()
                .sourceRows(Rows.builder("id", "v").add(2L, "B").add(3L, "C").add(4L, "D").build())
                .on("t.id = s.id").whenMatchedUpdateAll().whenNotMatchedInsertAll().build());
        assertThat(merged).isEqualTo(new MergeResult(3, 2, 0, 1));

        List<String> asOf3 = t.readAll(ReadRequest.builder().asOfVersion(3).orderBy("id").build(),
                rs -> rs.getLong("id") + rs.getString("v"));
        assertThat(asOf3).containsExactly("1a", "2b", "3c");

        OptimizeResult optimized = t.optimize(OptimizeRequest.all());
        assertThat(optimized.filesRemoved()).isGreaterThan(1);
        assertThat(optimized.bytesRemoved()).isPositive();

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData write = only(spans, "databricks.delta.write");
        assertThat(write.getAttributes().get(AttributeKey.stringKey("table"))).isEqualTo(label);
        assertThat(write.getAttributes().get(AttributeKey.stringKey("operation"))).isEqualTo("append");
        assertThat(write.getAttributes().get(AttributeKey.longKey("rows_written"))).isEqualTo(3L);

        SpanData merge = only(spans, "databricks.delta.merge");
        assertThat(merge.getAttributes().get(AttributeKey.stringKey("table"))).isEqualTo(label);
        assertThat(merge.getAttributes().get(AttributeKey.stringKey("operation"))).isEqualTo("merge");
        assertThat(merge.getAttributes().get(AttributeKey.longKey("rows_written"))).isEqualTo(3L);
        assertThat(merge.getAttributes().get(AttributeKey.longKey("matched"))).isEqualTo(2L);
        assertThat(merge.getAttributes().get(AttributeKey.longKey("not_matched"))).isEqualTo(1L);
        // the driver's statement span runs inside the DAO's
        assertThat(spans).filteredOn(s -> s.getName().equals("databricks.sql.execute")
                        && s.getParentSpanId().equals(merge.getSpanId()))
                .isNotEmpty();

        SpanData read = only(spans, "databricks.delta.read");
        assertThat(read.getAttributes().get(AttributeKey.stringKey("table"))).isEqualTo(label);
        assertThat(read.getAttributes().get(AttributeKey.longKey("version"))).isEqualTo(3L);
        assertThat(read.getAttributes().get(AttributeKey.longKey("rows_read"))).isEqualTo(3L);

        SpanData optimize = only(spans, "databricks.delta.optimize");
        assertThat(optimize.getAttributes().get(AttributeKey.stringKey("table"))).isEqualTo(label);
        assertThat(optimize.getAttributes().get(AttributeKey.longKey("files_removed")))
                .isEqualTo(optimized.filesRemoved());

        for (String op : List.of("write", "merge", "read", "optimize")) {
            assertThat(registry.get("databricks.delta.operations").tag("table", label).tag("operation", op)
                    .counter().count()).as(op).isEqualTo(1.0);
        }
        assertThat(registry.get("databricks.delta.rows.processed").tag("table", label).tag("operation", "merge")
                .summary().totalAmount()).isEqualTo(3.0);
        assertThat(registry.get("databricks.delta.rows.processed").tag("table", label).tag("operation", "read")
                .summary().totalAmount()).isEqualTo(3.0);
        assertThat(registry.get("databricks.delta.rows.processed").tag("table", label).tag("operation", "write")
                .summary().totalAmount()).isEqualTo(3.0);
        assertThat(registry.get("databricks.delta.bytes.processed").tag("table", label).tag("operation", "optimize")
                .summary().totalAmount()).isEqualTo((double) (optimized.bytesAdded() + optimized.bytesRemoved()));
    }

    @Test
    void aFailedOperationIsAFailedSpanAndStillCounted() throws SQLException {
        DeltaTable missing = DeltaTable.of(dataSource, TableName.of("main", schema, "missing"));
        assertThatThrownBy(() -> missing.history(5)).isInstanceOf(TableNotFound.class);
        SpanData history = only(exporter.getFinishedSpanItems(), "databricks.delta.history");
        assertThat(history.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(history.getAttributes().get(AttributeKey.stringKey("error.type"))).isNotBlank();
        assertThat(registry.get("databricks.delta.operations").tag("table", "main." + schema + ".missing")
                .tag("operation", "history").counter().count()).isEqualTo(1.0);
    }

    @Test
    void wrongTelemetryObjectsAreRefused() {
        assertThatThrownBy(() -> DeltaTelemetry.useMeterRegistry("not a registry"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MeterRegistry");
        assertThatThrownBy(() -> DeltaTelemetry.useOpenTelemetry(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OpenTelemetry");
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }
}
