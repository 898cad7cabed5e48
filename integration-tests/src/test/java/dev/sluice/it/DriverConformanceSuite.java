package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance suite of issue 3: a JDBC driver talks to the local warehouse over the Statement
 * Execution API and gets every type, DML counts, a multi-chunk LZ4 external-link result and prepared
 * statements right. One subclass per driver: it names the {@link Driver} instance and the URL.
 */
@ExtendWith(LocalWarehouseExtension.class)
public abstract class DriverConformanceSuite {

    private final LocalWarehouse warehouse;
    private Connection connection;
    private String schema;

    protected DriverConformanceSuite(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The driver under test, used directly (never through DriverManager: two drivers accept the URL). */
    protected abstract Driver driver();

    /** The URL for this driver; {@link LocalWarehouse#jdbcUrl()} plus driver-specific settings. */
    protected abstract String jdbcUrl(LocalWarehouse warehouse);

    @BeforeEach
    void connect() throws SQLException {
        connection = driver().connect(jdbcUrl(warehouse), new Properties());
        assertThat(connection).as("driver accepted " + jdbcUrl(warehouse)).isNotNull();
        schema = "conf_" + getClass().getSimpleName().toLowerCase() + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE SCHEMA main." + schema);
        execute("USE main." + schema);
    }

    @AfterEach
    void disconnect() throws SQLException {
        if (connection != null) {
            execute("DROP SCHEMA main." + schema + " CASCADE");
            connection.close();
        }
    }

    @Test
    void numericAndTextTypes() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT CAST(1 AS TINYINT) t, CAST(2 AS SMALLINT) s, 3 i, 4L l,"
                     + " CAST(1.5 AS FLOAT) f, 2.25D d, CAST(123.45 AS DECIMAL(10,2)) dec, 'héllo' str,"
                     + " true b, X'0A0B' bin, CAST(NULL AS INT) n")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getByte("t")).isEqualTo((byte) 1);
            assertThat(rs.getShort("s")).isEqualTo((short) 2);
            assertThat(rs.getInt("i")).isEqualTo(3);
            assertThat(rs.getLong("l")).isEqualTo(4L);
            assertThat(rs.getFloat("f")).isEqualTo(1.5f);
            assertThat(rs.getDouble("d")).isEqualTo(2.25);
            assertThat(rs.getBigDecimal("dec")).isEqualByComparingTo(new BigDecimal("123.45"));
            assertThat(rs.getString("str")).isEqualTo("héllo");
            assertThat(rs.getBoolean("b")).isTrue();
            assertThat(rs.getBytes("bin")).containsExactly(0x0A, 0x0B);
            assertThat(rs.getObject("n")).isNull();
            assertThat(rs.getInt("n")).isZero();
            assertThat(rs.wasNull()).isTrue();
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnType(3)).isEqualTo(Types.INTEGER);
            assertThat(md.getColumnType(4)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnType(7)).isEqualTo(Types.DECIMAL);
            assertThat(md.getPrecision(7)).isEqualTo(10);
            assertThat(md.getScale(7)).isEqualTo(2);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void datetimeAndComplexTypes() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT DATE'2024-02-29' d, TIMESTAMP'2021-06-15 12:34:56.789' ts,"
                     + " array(1, 2, 3) a, map('k', 1) m, named_struct('x', 1, 'y', 'q') s,"
                     + " INTERVAL '1-2' YEAR TO MONTH ym")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDate("d")).isEqualTo(Date.valueOf("2024-02-29"));
            assertThat(rs.getTimestamp("ts").toInstant().toString()).isEqualTo("2021-06-15T12:34:56.789Z");
            assertThat(rs.getString("a").replace(" ", "")).isEqualTo("[1,2,3]");
            assertThat(rs.getString("m").replace(" ", "")).isEqualTo("{\"k\":1}");
            assertThat(rs.getString("s").replace(" ", "")).contains("\"x\":1").contains("\"y\":\"q\"");
            assertThat(rs.getString("ym")).isNotBlank();
        }
    }

    @Test
    void dmlReturnsDatabricksCounts() throws SQLException {
        execute("CREATE TABLE t (id BIGINT, v STRING) USING DELTA");
        try (Statement st = connection.createStatement()) {
            assertThat(st.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")).isEqualTo(3);
            assertThat(st.executeUpdate("UPDATE t SET v = 'B' WHERE id = 2")).isEqualTo(1);
            assertThat(st.executeUpdate("DELETE FROM t WHERE id = 3")).isEqualTo(1);
            execute("CREATE TABLE src (id BIGINT, v STRING)");
            execute("INSERT INTO src VALUES (1, 'A'), (4, 'd')");
            assertThat(st.executeUpdate("MERGE INTO t USING src ON t.id = src.id"
                    + " WHEN MATCHED THEN UPDATE SET v = src.v WHEN NOT MATCHED THEN INSERT *")).isEqualTo(2);
            assertThat(strings(st, "SELECT id || '=' || v FROM t ORDER BY id")).containsExactly("1=A", "2=B", "4=d");
            assertThat(strings(st, "SELECT count(*) FROM t VERSION AS OF 1")).containsExactly("3");
        }
    }

    @Test
    void multiChunkLz4ExternalLinks() throws SQLException {
        // the extension's warehouse cuts chunks at 20 000 rows: 150 000 rows are 8 chunks behind links
        long n = 150_000;
        long count = 0;
        long sum = 0;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, concat('row-', id) AS name, id * 0.5D AS half FROM range(" + n + ")")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                assertThat(rs.getString(2)).isEqualTo("row-" + id);
                assertThat(rs.getDouble(3)).isEqualTo(id * 0.5);
                sum += id;
                count++;
            }
        }
        assertThat(count).isEqualTo(n);
        assertThat(sum).isEqualTo(n * (n - 1) / 2);
    }

    @Test
    void preparedStatementsBindEveryCommonType() throws SQLException {
        execute("CREATE TABLE p (i INT, l BIGINT, d DECIMAL(10,2), s STRING, b BOOLEAN, dt DATE, ts TIMESTAMP, f DOUBLE)");
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO p VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, 7);
            ps.setLong(2, 1L << 40);
            ps.setBigDecimal(3, new BigDecimal("12.34"));
            ps.setString(4, "it's");
            ps.setBoolean(5, true);
            ps.setDate(6, Date.valueOf("2020-01-02"));
            ps.setTimestamp(7, Timestamp.from(java.time.Instant.parse("2020-01-02T03:04:05.678Z")));
            ps.setDouble(8, 0.25);
            ps.executeUpdate();
            ps.setNull(1, Types.INTEGER);
            ps.setLong(2, 2);
            ps.setNull(3, Types.DECIMAL);
            ps.setNull(4, Types.VARCHAR);
            ps.setBoolean(5, false);
            ps.setNull(6, Types.DATE);
            ps.setNull(7, Types.TIMESTAMP);
            ps.setNull(8, Types.DOUBLE);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT i, d, s, dt, ts, f FROM p WHERE l = ?")) {
            ps.setLong(1, 1L << 40);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("12.34");
                assertThat(rs.getString(3)).isEqualTo("it's");
                assertThat(rs.getDate(4)).isEqualTo(Date.valueOf("2020-01-02"));
                assertThat(rs.getTimestamp(5).toInstant().toString()).isEqualTo("2020-01-02T03:04:05.678Z");
                assertThat(rs.getDouble(6)).isEqualTo(0.25);
                assertThat(rs.next()).isFalse();
            }
        }
        try (Statement st = connection.createStatement()) {
            assertThat(strings(st, "SELECT count(*) FROM p WHERE i IS NULL AND s IS NULL")).containsExactly("1");
        }
    }

    @Test
    void sqlErrorsCarryTheSqlState() {
        assertThatThrownBy(() -> {
            try (Statement st = connection.createStatement()) {
                st.executeQuery("SELECT * FROM no_such_table");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
    }

    @Test
    void metadataThroughShowCommands() throws SQLException {
        execute("CREATE TABLE meta_t (id BIGINT NOT NULL, name STRING COMMENT 'the name')");
        DatabaseMetaData md = connection.getMetaData();
        assertThat(column(md.getCatalogs(), "TABLE_CAT")).contains("main");
        assertThat(column(md.getSchemas("main", schema), "TABLE_SCHEM")).containsExactly(schema);
        assertThat(column(md.getTables("main", schema, "meta%", null), "TABLE_NAME")).containsExactly("meta_t");
        try (ResultSet rs = md.getColumns("main", schema, "meta_t", null)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("name");
            assertThat(rs.getString("REMARKS")).isEqualTo("the name");
            assertThat(rs.next()).isFalse();
        }
    }

    /** The informational keys reach both drivers (the official one reads them with SHOW [FOREIGN] KEYS). */
    @Test
    void primaryAndForeignKeys() throws SQLException {
        execute("CREATE TABLE kp (id BIGINT NOT NULL, code STRING NOT NULL,"
                + " CONSTRAINT kp_pk PRIMARY KEY (id, code)) USING DELTA");
        execute("CREATE TABLE kc (n INT, pcode STRING, pid BIGINT, CONSTRAINT kc_fk FOREIGN KEY (pcode, pid)"
                + " REFERENCES main." + schema + ".kp (code, id)) USING DELTA");
        DatabaseMetaData md = connection.getMetaData();
        List<String> primary = new ArrayList<>();
        try (ResultSet rs = md.getPrimaryKeys("main", schema, "kp")) {
            while (rs.next()) {
                primary.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("KEY_SEQ") + " " + rs.getString("PK_NAME"));
            }
        }
        assertThat(primary).containsExactlyInAnyOrder("id 1 kp_pk", "code 2 kp_pk");
        List<String> imported = new ArrayList<>();
        try (ResultSet rs = md.getImportedKeys("main", schema, "kc")) {
            while (rs.next()) {
                imported.add(rs.getString("FKCOLUMN_NAME") + "->" + rs.getString("PKTABLE_SCHEM") + "."
                        + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " "
                        + rs.getInt("KEY_SEQ") + " " + rs.getString("FK_NAME"));
            }
        }
        assertThat(imported).containsExactlyInAnyOrder("pcode->" + schema + ".kp.code 1 kc_fk",
                "pid->" + schema + ".kp.id 2 kc_fk");
        try (ResultSet rs = md.getImportedKeys("main", schema, "kp")) {
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void threeLevelNamesAcrossCatalogs() throws SQLException {
        String catalog = "cat_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE CATALOG " + catalog);
        try (Statement st = connection.createStatement()) {
            execute("CREATE SCHEMA " + catalog + ".s1");
            execute("CREATE TABLE " + catalog + ".s1.x AS SELECT 42 AS v");
            assertThat(strings(st, "SELECT v FROM " + catalog + ".s1.x")).containsExactly("42");
            execute("USE CATALOG " + catalog);
            assertThat(strings(st, "SELECT current_catalog()")).containsExactly(catalog);
            assertThat(strings(st, "SELECT v FROM s1.x")).containsExactly("42");
            assertThat(strings(st, "SELECT table_name FROM information_schema.tables WHERE table_schema = 's1'"))
                    .containsExactly("x");
        } finally {
            execute("USE CATALOG main");
            execute("DROP CATALOG " + catalog + " CASCADE");
        }
    }

    protected void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(name));
            }
        }
        return out;
    }
}
