package dev.sluice.delta;

import dev.sluice.dao.delta.DeltaTelemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Direct reads and writes are spans {@code databricks.delta.read|write} with version and rows, and DAO metrics. */
class DirectObservabilityTest {
    private SimpleMeterRegistry registry;
    private InMemorySpanExporter exporter;
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void setUp() {
        registry = new SimpleMeterRegistry();
        exporter = InMemorySpanExporter.create();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
        DeltaTelemetry.useMeterRegistry(registry);
        DeltaTelemetry.useOpenTelemetry(sdk);
    }

    @AfterEach
    void tearDown() {
        DeltaTelemetry.useMeterRegistry(null);
        DeltaTelemetry.useOpenTelemetry(null);
        sdk.close();
    }

    @Test
    void writesAndReadsAreTracedWithVersionAndRows(@TempDir Path dir) throws Exception {
        DirectTable t = DeltaDirect.create().path(dir.resolve("t"));
        t.create(List.of(DirectColumn.of("id", "BIGINT")), List.of(), Map.of());
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 1234; i++) {
            rows.add(new Object[] {i});
        }
        t.append("obs", 1, rows);
        try (DirectRows r = t.read().rows()) {
            while (r.next()) {
                // every row
            }
        }
        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData write = spans.stream().filter(s -> s.getName().equals("databricks.delta.write")).findFirst()
                .orElseThrow();
        assertThat(write.getAttributes().get(AttributeKey.longKey("version"))).isEqualTo(1L);
        assertThat(write.getAttributes().get(AttributeKey.longKey("rows"))).isEqualTo(1234L);
        SpanData read = spans.stream().filter(s -> s.getName().equals("databricks.delta.read")).findFirst()
                .orElseThrow();
        assertThat(read.getAttributes().get(AttributeKey.longKey("version"))).isEqualTo(1L);
        assertThat(read.getAttributes().get(AttributeKey.longKey("rows"))).isEqualTo(1234L);
        assertThat(registry.getMeters().stream().map(m -> m.getId().getName()))
                .contains("databricks.delta.rows.processed", "databricks.delta.operations");
    }
}
