package dev.sluice.delta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Direct reads and writes through Kernel on a local directory: no warehouse involved. */
class DirectTableTest {
    private static final List<DirectColumn> EVERY_TYPE = List.of(
            new DirectColumn("id", "BIGINT", false), DirectColumn.of("i", "INT"), DirectColumn.of("s", "STRING"),
            DirectColumn.of("d", "DOUBLE"), DirectColumn.of("b", "BOOLEAN"), DirectColumn.of("amount", "DECIMAL(18,2)"),
            DirectColumn.of("ts", "TIMESTAMP"), DirectColumn.of("ntz", "TIMESTAMP_NTZ"), DirectColumn.of("day", "DATE"),
            DirectColumn.of("bin", "BINARY"), DirectColumn.of("tags", "ARRAY<STRING>"),
            DirectColumn.of("attrs", "MAP<STRING,BIGINT>"), DirectColumn.of("point", "STRUCT<x:INT,y:DOUBLE>"));

    private final DeltaDirect delta = DeltaDirect.create();

    private static Object[] row(long id) {
        return new Object[] {id, (int) id * 2, "name-" + id + " 'q' \\ é", id / 3.0, id % 2 == 0,
            new BigDecimal(id).movePointLeft(2), Instant.parse("2026-03-01T10:15:30.123456Z").plusSeconds(id),
            LocalDateTime.parse("2026-03-01T10:15:30.654321").plusMinutes(id), LocalDate.of(2026, 1, 1).plusDays(id),
            new byte[] {(byte) id, 0, (byte) 0xff}, List.of("a" + id, "b"), Map.of("k", id),
            Map.of("x", (int) id, "y", id * 1.5)};
    }

    private static Object[] nulls(long id) {
        Object[] r = new Object[EVERY_TYPE.size()];
        r[0] = id;
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTypeRoundTripsExactlyIncludingNulls(@TempDir Path dir) throws Exception {
        DirectTable t = delta.path(dir.resolve("t"));
        assertThat(t.create(EVERY_TYPE, List.of(), Map.of("delta.appendOnly", "false"))).isZero();
        List<Object[]> rows = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            rows.add(row(id));
        }
        rows.add(nulls(6));
        AppendResult r = t.append("test", 1, rows);
        assertThat(r.applied()).isTrue();
        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.files()).isPositive();
        assertThat(t.columns()).isEqualTo(EVERY_TYPE);

        List<Object[]> read = new ArrayList<>();
        try (DirectRows cursor = t.read().rows()) {
            while (cursor.next()) {
                Object[] values = new Object[EVERY_TYPE.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = cursor.get(i);
                }
                read.add(values);
            }
        }
        read.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
        assertThat(read).hasSize(6);
        for (int n = 0; n < 5; n++) {
            Object[] expected = rows.get(n);
            Object[] actual = read.get(n);
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] instanceof byte[] bytes) {
                    assertThat((byte[]) actual[i]).as(EVERY_TYPE.get(i).name()).isEqualTo(bytes);
                } else if (i == EVERY_TYPE.size() - 1) {
                    assertThat((Map<String, Object>) actual[i]).containsEntry("x", (int) (n + 1)).containsEntry("y", (n + 1) * 1.5);
                } else {
                    assertThat(actual[i]).as(EVERY_TYPE.get(i).name()).isEqualTo(expected[i]);
                }
            }
        }
        assertThat(Arrays.copyOfRange(read.get(5), 1, EVERY_TYPE.size())).containsOnlyNulls();
    }

    @Test
    void aRepeatedAppendWithTheSameTransactionIdWritesNothing(@TempDir Path dir) throws Exception {
        DirectTable t = delta.path(dir.resolve("t"));
        t.create(List.of(DirectColumn.of("id", "BIGINT")), List.of(), Map.of());
        assertThat(t.append("loader", 7, List.<Object[]>of(new Object[] {1L}, new Object[] {2L})).applied()).isTrue();
        AppendResult repeat = t.append("loader", 7, List.<Object[]>of(new Object[] {1L}, new Object[] {2L}));
        assertThat(repeat.applied()).isFalse();
        assertThat(repeat.rows()).isZero();
        assertThat(repeat.version()).isEqualTo(1);
        assertThat(t.append("loader", 6, List.<Object[]>of(new Object[] {3L})).applied()).as("an older id").isFalse();
        assertThat(t.append("other-writer", 7, List.<Object[]>of(new Object[] {3L})).applied()).isTrue();
        assertThat(count(t)).isEqualTo(3);
    }

    @Test
    void timeTravelProjectionAndFiltersOnAPartitionedTable(@TempDir Path dir) throws Exception {
        DirectTable t = delta.path(dir.resolve("p"));
        t.create(List.of(DirectColumn.of("id", "BIGINT"), DirectColumn.of("region", "STRING"),
                DirectColumn.of("v", "DOUBLE")), List.of("region"), Map.of());
        List<Object> first = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            first.add(List.of(i, i % 2 == 0 ? "EU" : "US", i * 1.0));
        }
        t.append("w", 1, first);
        Instant between = Instant.now();
        Thread.sleep(20);
        t.append("w", 2, List.<Object>of(Map.of("id", 1000L, "region", "EU", "v", 0.5)));
        assertThat(Files.list(dir.resolve("p")).map(p -> p.getFileName().toString()))
                .contains("region=EU", "region=US");

        assertThat(count(t)).isEqualTo(101);
        try (DirectRows v1 = t.read().atVersion(1).rows()) {
            long n = 0;
            while (v1.next()) {
                n++;
            }
            assertThat(n).isEqualTo(100);
            assertThat(v1.version()).isEqualTo(1);
        }
        try (DirectRows old = t.read().asOf(between).rows()) {
            assertThat(old.version()).isEqualTo(1);
        }
        List<Long> ids = new ArrayList<>();
        try (DirectRows eu = t.read().columns("id").where(DirectFilter.eq("region", "EU")
                .and(DirectFilter.ge("id", 90L))).rows()) {
            assertThat(eu.columns()).containsExactly("id");
            while (eu.next()) {
                ids.add((Long) eu.get("id"));
            }
        }
        assertThat(ids).containsExactlyInAnyOrder(90L, 92L, 94L, 96L, 98L, 1000L);
    }

    @Test
    void theResultSetReadsTypedValuesAndDescribesItsColumns(@TempDir Path dir) throws Exception {
        DirectTable t = delta.path(dir.resolve("t"));
        t.create(EVERY_TYPE, List.of(), Map.of());
        t.append("w", 1, List.<Object[]>of(row(4)));
        try (ResultSet rs = t.read().columns("id", "amount", "ts", "day", "s").resultSet()) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(5);
            assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnTypeName(2)).isEqualTo("DECIMAL(18,2)");
            assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("id")).isEqualTo(4);
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("0.04");
            assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(Instant.parse("2026-03-01T10:15:34.123456Z"));
            assertThat(rs.getDate("day").toLocalDate()).isEqualTo(LocalDate.of(2026, 1, 5));
            assertThat(rs.getObject(5, String.class)).startsWith("name-4");
            assertThat(rs.next()).isFalse();
            assertThatThrownBy(() -> rs.findColumn("nope")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("nope").extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42703");
        }
    }

    @Test
    void badInputIsRefusedNamingTheValueAndNothingIsCommitted(@TempDir Path dir) throws Exception {
        DirectTable t = delta.path(dir.resolve("t"));
        t.create(List.of(new DirectColumn("id", "BIGINT", false), DirectColumn.of("amount", "DECIMAL(5,2)")),
                List.of(), Map.of());
        assertThatThrownBy(() -> t.append("w", 1, List.<Object[]>of(new Object[] {1L, new BigDecimal("1234.5")})))
                .isInstanceOf(SQLException.class).hasMessageContaining("row 0").hasMessageContaining("1234.5")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> t.append("w", 1, List.<Object[]>of(new Object[] {null, BigDecimal.ONE})))
                .isInstanceOf(SQLException.class).hasMessageContaining("'id' is NOT NULL");
        assertThatThrownBy(() -> t.append("w", 1, List.<Object[]>of(new Object[] {"x", BigDecimal.ONE})))
                .isInstanceOf(SQLException.class).hasMessageContaining("String cannot be written to BIGINT");
        assertThatThrownBy(() -> t.append("w", 1, List.<Object>of(Map.of("idd", 1L))))
                .isInstanceOf(SQLException.class).hasMessageContaining("'idd' is not a column");
        assertThat(t.version()).isZero();
        assertThatThrownBy(() -> t.create(List.of(DirectColumn.of("a", "BIGINT")), List.of(), Map.of()))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P07");
        assertThatThrownBy(() -> delta.path(dir.resolve("u")).create(List.of(DirectColumn.of("a", "BIGNUM")),
                List.of(), Map.of())).isInstanceOf(SQLException.class).hasMessageContaining("'BIGNUM'");
        assertThatThrownBy(() -> delta.path(dir.resolve("missing")).read().rows())
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
        assertThatThrownBy(() -> t.read().atVersion(9).rows()).isInstanceOf(SQLException.class);
        try (Stream<Path> files = Files.list(dir.resolve("t"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".parquet"))).isEmpty();
        }
    }

    private static long count(DirectTable t) throws SQLException {
        try (DirectRows rows = t.read().rows()) {
            while (rows.next()) {
                // counting
            }
            return rows.count();
        }
    }
}
