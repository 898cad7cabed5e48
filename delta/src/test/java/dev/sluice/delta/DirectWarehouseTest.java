package dev.sluice.delta;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kernel and the warehouse (Spark + Delta) agree on the same tables: Kernel reads what SQL wrote, including
 * deletion vectors and every version, and SQL reads what Kernel appended.
 */
@ExtendWith(LocalWarehouseExtension.class)
class DirectWarehouseTest {
    private final LocalWarehouse warehouse;
    private final DeltaDirect delta = DeltaDirect.create();
    private String schema;

    DirectWarehouseTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    private Connection connect() throws SQLException {
        return new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
    }

    private void sql(String text) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(text);
        }
    }

    private Map<Long, String> query(String text) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(text)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2) + "|" + rs.getBigDecimal(3) + "|" + rs.getTimestamp(4).toInstant());
            }
        }
        return rows;
    }

    private static Map<Long, String> direct(DirectRows rows) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        try (rows) {
            while (rows.next()) {
                out.put((Long) rows.get(0), rows.get(1) + "|" + rows.get(2) + "|" + rows.get(3));
            }
        }
        return out;
    }

    private String location(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE DETAIL " + table)) {
            rs.next();
            return rs.getString("location");
        }
    }

    @BeforeEach
    void createSchema() throws SQLException {
        schema = "direct_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE SCHEMA main." + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        sql("DROP SCHEMA main." + schema + " CASCADE");
    }

    @Test
    void everyVersionReadThroughKernelEqualsSqlTimeTravelIncludingDeletionVectors() throws Exception {
        String t = "main." + schema + ".orders";
        sql("CREATE TABLE " + t + " (id BIGINT, name STRING, amount DECIMAL(18,2), ts TIMESTAMP) USING DELTA"
                + " TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        sql("INSERT INTO " + t + " SELECT id, concat('n', id), id * 1.25, timestamp_micros(1767225600000000 + id)"
                + " FROM range(0, 500)");
        sql("DELETE FROM " + t + " WHERE id % 7 = 0");
        sql("UPDATE " + t + " SET name = 'updated' WHERE id BETWEEN 100 AND 110");
        sql("INSERT INTO " + t + " VALUES (1000, 'late', 9.99, TIMESTAMP '2026-06-01 00:00:00Z')");

        DirectTable direct = delta.path(location(t));
        long latest = direct.version();
        assertThat(latest).isGreaterThanOrEqualTo(4);
        for (long v = 1; v <= latest; v++) {
            Map<Long, String> bySql = query("SELECT id, name, amount, ts FROM " + t + " VERSION AS OF " + v);
            Map<Long, String> byKernel = direct(direct.read().atVersion(v).columns("id", "name", "amount", "ts").rows());
            assertThat(byKernel).as("version " + v).isEqualTo(bySql);
        }
        assertThat(direct(direct.read().columns("id", "name", "amount", "ts").rows())).doesNotContainKey(7L)
                .containsEntry(104L, "updated|130.00|" + Instant.ofEpochSecond(1767225600L, 104_000L));
    }

    @Test
    void sqlReadsWhatKernelAppendedAndARepeatedAppendChangesNothing() throws Exception {
        Path dir = LocalWarehouseExtension.allowedDir(warehouse).resolve("kernel-" + schema);
        Files.createDirectories(dir.getParent());
        DirectTable direct = delta.path(dir);
        direct.create(List.of(DirectColumn.of("id", "BIGINT"), DirectColumn.of("name", "STRING"),
                DirectColumn.of("amount", "DECIMAL(18,2)"), DirectColumn.of("ts", "TIMESTAMP")), List.of(), Map.of());
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 2000; i++) {
            rows.add(new Object[] {i, "k" + i, BigDecimal.valueOf(i, 2), Instant.ofEpochSecond(1767225600L + i)});
        }
        assertThat(direct.append("it", 1, rows).applied()).isTrue();
        assertThat(direct.append("it", 1, rows).applied()).isFalse();

        String path = "delta.`" + dir.toUri() + "`";
        Map<Long, String> bySql = query("SELECT id, name, amount, ts FROM " + path);
        assertThat(bySql).hasSize(2000).containsEntry(1999L, "k1999|19.99|" + Instant.ofEpochSecond(1767225600L + 1999));
        assertThat(bySql).isEqualTo(direct(direct.read().rows()));
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE HISTORY " + path)) {
            List<String> history = new ArrayList<>();
            while (rs.next()) {
                history.add(rs.getLong("version") + ":" + rs.getString("operation"));
            }
            assertThat(history).containsExactlyInAnyOrder("0:CREATE TABLE", "1:WRITE");
        }
    }

    @Test
    void everyTypeKernelAppendsIncludingNestedAndNullsReadsBackThroughSqlValueForValue() throws Exception {
        Path dir = LocalWarehouseExtension.allowedDir(warehouse).resolve("types-" + schema);
        Files.createDirectories(dir.getParent());
        DirectTable direct = delta.path(dir);
        String[][] columns = {{"id", "BIGINT"}, {"ti", "TINYINT"}, {"si", "SMALLINT"}, {"i", "INT"}, {"f", "FLOAT"},
            {"d", "DOUBLE"}, {"b", "BOOLEAN"}, {"s", "STRING"}, {"dec", "DECIMAL(18,2)"}, {"big", "DECIMAL(38,10)"},
            {"ts", "TIMESTAMP"}, {"ntz", "TIMESTAMP_NTZ"}, {"dt", "DATE"}, {"bin", "BINARY"}, {"arr", "ARRAY<INT>"},
            {"m", "MAP<STRING,BIGINT>"}, {"st", "STRUCT<x:INT,y:ARRAY<STRING>>"}};
        List<DirectColumn> definition = new ArrayList<>();
        for (String[] c : columns) {
            definition.add(DirectColumn.of(c[0], c[1]));
        }
        direct.create(definition, List.of(), Map.of());
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            if (r % 7 == 3) {
                Object[] nulls = new Object[columns.length];
                nulls[0] = (long) r;
                rows.add(nulls);
                continue;
            }
            Map<String, Object> struct = new java.util.LinkedHashMap<>();
            struct.put("x", -r);
            struct.put("y", r % 2 == 0 ? java.util.Arrays.asList("a" + r, null) : null);
            rows.add(new Object[] {r == 0 ? Long.MIN_VALUE : r == 1 ? Long.MAX_VALUE : (long) r, (byte) (r - 128),
                (short) (r * 100 - 32768), r % 3 == 0 ? Integer.MIN_VALUE : r, r * 0.5f + 0.25f, r * 1.25 - 7,
                r % 2 == 0, "s-" + r + (r % 5 == 0 ? " ünï ✓" : ""), BigDecimal.valueOf(-r * 7L, 2),
                new BigDecimal("12345678901234567890.0123456789").add(BigDecimal.valueOf(r)),
                Instant.parse("2024-02-29T23:59:59.123456Z").plusSeconds(r * 3601L),
                java.time.LocalDateTime.of(1899, 12, 31, 23, 59, 59, 999_999_000).plusMinutes(r),
                java.time.LocalDate.of(1970, 1, 1).plusDays(r * 37L - 4000), new byte[] {(byte) r, 0, (byte) 0xff},
                r % 4 == 0 ? List.of() : java.util.Arrays.asList(r, null, -r), Map.of("k" + r, (long) r * 3),
                struct});
        }
        assertThat(direct.append("types", 1, rows).applied()).isTrue();

        String query = "SELECT id, ti, si, i, f, d, b, s, dec, big, ts, ntz, dt, bin, to_json(arr), to_json(m),"
                + " to_json(st) FROM delta.`" + dir.toUri() + "` ORDER BY id";
        rows.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            for (Object[] e : rows) {
                assertThat(rs.next()).isTrue();
                String at = "row id " + e[0];
                for (int k = 0; k < 10; k++) {
                    assertThat(rs.getObject(k + 1)).as(at + " " + columns[k][0]).isEqualTo(e[k]);
                }
                assertThat(rs.getObject(11, Instant.class)).as(at).isEqualTo(e[10]);
                assertThat(rs.getObject(12, java.time.LocalDateTime.class)).as(at).isEqualTo(e[11]);
                assertThat(rs.getObject(13, java.time.LocalDate.class)).as(at).isEqualTo(e[12]);
                assertThat(rs.getBytes(14)).as(at).isEqualTo(e[13]);
                assertThat(rs.getString(15)).as(at).isEqualTo(e[14] == null ? null
                        : e[14].toString().replace(" ", ""));
                Map.Entry<?, ?> entry = e[15] == null ? null : ((Map<?, ?>) e[15]).entrySet().iterator().next();
                assertThat(rs.getString(16)).as(at).isEqualTo(entry == null ? null
                        : "{\"" + entry.getKey() + "\":" + entry.getValue() + "}");
                @SuppressWarnings("unchecked")
                Map<String, Object> struct = (Map<String, Object>) e[16];
                assertThat(rs.getString(17)).as(at).isEqualTo(struct == null ? null
                        : "{\"x\":" + struct.get("x") + (struct.get("y") == null ? ""
                        : ",\"y\":[\"" + ((List<?>) struct.get("y")).get(0) + "\",null]") + "}");
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aCatalogNameResolvesThroughVendedCredentialsAndAManagedTableRefusesDirectWrites() throws Exception {
        String t = "main." + schema + ".managed";
        sql("CREATE TABLE " + t + " (id BIGINT, name STRING, amount DECIMAL(18,2), ts TIMESTAMP) USING DELTA");
        sql("INSERT INTO " + t + " VALUES (1, 'a', 1.50, TIMESTAMP '2026-01-01 00:00:00Z')");
        try (Connection c = connect()) {
            DirectTable managed = delta.table(c, t);
            assertThat(managed.writable()).isFalse();
            assertThat(direct(managed.read().rows()))
                    .isEqualTo(query("SELECT id, name, amount, ts FROM " + t));
            assertThat(managed.credentialVendings()).isEqualTo(1);
            assertThatThrownBy(() -> managed.append("w", 1, List.<Object[]>of(new Object[] {2L, "b", null, null})))
                    .isInstanceOf(SQLException.class).hasMessageContaining("MANAGED")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
            assertThatThrownBy(() -> delta.table(c, "main." + schema + ".nope"))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("42P01");
        }
        assertThat(query("SELECT id, name, amount, ts FROM " + t)).hasSize(1);
    }

    @Test
    void anExternalTableIsWrittenWithReadWriteCredentialsAndALongReadRenewsThem() throws Exception {
        Path dir = LocalWarehouseExtension.allowedDir(warehouse).resolve("ext-" + schema);
        String t = "main." + schema + ".ext";
        sql("CREATE TABLE " + t + " (id BIGINT, name STRING, amount DECIMAL(18,2), ts TIMESTAMP) USING DELTA"
                + " LOCATION '" + dir.toUri() + "'");
        try (Connection c = connect()) {
            DirectTable ext = delta.table(c, t);
            assertThat(ext.writable()).isTrue();
            for (int batch = 1; batch <= 3; batch++) {
                List<Object[]> rows = new ArrayList<>();
                for (long i = 0; i < 10; i++) {
                    long id = batch * 100 + i;
                    rows.add(new Object[] {id, "e" + id, BigDecimal.valueOf(id, 1), Instant.ofEpochSecond(id)});
                }
                assertThat(ext.append("ext-writer", batch, rows).applied()).isTrue();
            }
            assertThat(query("SELECT id, name, amount, ts FROM " + t)).hasSize(30)
                    .isEqualTo(direct(ext.read().rows()));

            // credentials that always look about to expire: renewed before every data file of the read
            DirectTable renewing = delta.withRenewalMargin(java.time.Duration.ofDays(1)).table(c, t);
            assertThat(direct(renewing.read().rows())).hasSize(30);
            assertThat(renewing.credentialVendings()).as("one per file (3) and per snapshot/scan").isGreaterThan(3);
        }
    }
}
