package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.procedures.TestProcedures;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.SqlError;
import dev.sluice.testing.sea.StatementScript;
import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code prepareCall} against the scripted server with the test provider {@link TestProcedures}: built-in calls
 * run in the driver and send nothing; every other call reaches the server as the SQL asserted here.
 */
class ProcedureCallTest {
    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();

    private Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("wh1") + ";EnableArrow=0" + extra);
    }

    @BeforeEach
    void forgetCalls() {
        TestProcedures.COUNTS_CALLS.clear();
    }

    @Test
    void positionalInAndOutParametersReadByIndexAndByName() throws SQLException {
        try (Connection c = connect(""); CallableStatement cs = c.prepareCall("{call sluice.counts(?, ?, ?, ?, ?, ?)}")) {
            cs.setString(1, "main.s.t");
            cs.setInt(2, 5);
            for (int i = 3; i <= 6; i++) {
                cs.registerOutParameter(i, Types.BIGINT);
            }
            assertThat(cs.execute()).isFalse();
            assertThat(cs.getLong(3)).isEqualTo(20);
            assertThat(cs.getLong("updated")).isEqualTo(5);
            assertThat(cs.getInt("DELETED")).isEqualTo(10);
            assertThat(cs.getObject(6)).isEqualTo(5L);
            assertThat(cs.getString(6)).isEqualTo("5");
            assertThat(cs.wasNull()).isFalse();
            assertThat(cs.getResultSet()).isNull();
        }
        assertThat(TestProcedures.COUNTS_CALLS).containsExactly(Map.of("table_name", "main.s.t", "factor", 5L));
        assertThat(server.statementRequests()).as("a built-in call sends no SQL").isEmpty();
    }

    @Test
    void namedArgumentsInAnyOrderWithDefaultsForOmittedOnes() throws SQLException {
        try (Connection c = connect("");
             CallableStatement cs = c.prepareCall("{call sluice.counts(inserted => ?, table_name => ?)}")) {
            cs.setString("table_name", "t");
            cs.registerOutParameter("inserted", Types.BIGINT);
            cs.executeUpdate();
            assertThat(cs.getLong("inserted")).isEqualTo(2);
            assertThat(cs.getLong(1)).isEqualTo(2);
        }
        assertThat(TestProcedures.COUNTS_CALLS).containsExactly(Map.of("table_name", "t", "factor", 2L));
    }

    @Test
    void returnValueOfABuiltInIsItsFirstOutParameter() throws SQLException {
        try (Connection c = connect(""); CallableStatement cs = c.prepareCall("{? = call sluice.counts('t', 3)}")) {
            cs.registerOutParameter(1, JDBCType.BIGINT);
            cs.execute();
            assertThat(cs.getLong(1)).isEqualTo(12);
            assertThatThrownBy(() -> cs.setLong(1, 1)).hasMessageContaining("is the return value")
                    .extracting("SQLState").isEqualTo("22023");
        }
    }

    @Test
    void plainCallTextThroughPrepareStatementAndPrepareCall() throws SQLException {
        try (Connection c = connect("")) {
            try (PreparedStatement ps = c.prepareStatement("CALL sluice.counts('x', factor => 7)")) {
                assertThat(ps).isInstanceOf(CallableStatement.class);
                ps.execute();
            }
            try (CallableStatement cs = c.prepareCall("call SLUICE.Counts(table_name => 'y') ;")) {
                cs.execute();
            }
        }
        assertThat(TestProcedures.COUNTS_CALLS).containsExactly(Map.of("table_name", "x", "factor", 7L),
                Map.of("table_name", "y", "factor", 2L));
        assertThat(server.statementRequests()).isEmpty();
    }

    @Test
    void aPlainStatementRunsBuiltInCallsAndShowsTheirResults() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThat(s.execute("CALL sluice.counts('z', 4)")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(s.execute("/* tool */ CALL sluice.typed(s => 'a')")).isTrue();
            ResultSet rs = s.getResultSet();
            assertThat(rs.getStatement()).isSameAs(s);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("value")).isEqualTo("a");
            try (ResultSet again = s.executeQuery("CALL sluice.typed(n => 5)")) {
                assertThat(rs.isClosed()).as("running again closes the previous result").isTrue();
                again.next();
                again.next();
                assertThat(again.getString("value")).isEqualTo("5");
            }
            assertThat(s.executeUpdate("CALL sluice.counts(table_name => 'w')")).isZero();
        }
        assertThat(TestProcedures.COUNTS_CALLS).containsExactly(Map.of("table_name", "z", "factor", 4L),
                Map.of("table_name", "w", "factor", 2L));
        assertThat(server.statementRequests()).isEmpty();
    }

    @Test
    void inValuesAreConvertedToTheDeclaredTypes() throws SQLException {
        Map<String, String[]> seen;
        try (Connection c = connect("");
             CallableStatement cs = c.prepareCall("{call sluice.typed(?, '42', ?, 'true', 2, ?, ?, dt => DATE '2024-02-29', given => ?)}")) {
            cs.setInt(1, 17);
            cs.setString(2, "-3");
            cs.setDouble(3, 1.25);
            cs.setTimestamp(4, Timestamp.valueOf("2024-01-02 03:04:05.5"));
            cs.registerOutParameter(5, Types.INTEGER);
            ResultSet rs = cs.executeQuery();
            seen = rows(rs);
            assertThat(cs.getInt("given")).isEqualTo(8);
        }
        assertThat(seen.get("s")).containsExactly("java.lang.String", "17");
        assertThat(seen.get("n")).containsExactly("java.lang.Long", "42");
        assertThat(seen.get("i")).containsExactly("java.lang.Integer", "-3");
        assertThat(seen.get("b")).containsExactly("java.lang.Boolean", "true");
        assertThat(seen.get("d")).containsExactly("java.lang.Double", "2.0");
        assertThat(seen.get("m")).containsExactly("java.math.BigDecimal", "1.25");
        assertThat(seen.get("ts")).containsExactly("java.sql.Timestamp", "2024-01-02 03:04:05.5");
        assertThat(seen.get("dt")).containsExactly("java.sql.Date", "2024-02-29");
    }

    private static Map<String, String[]> rows(ResultSet rs) throws SQLException {
        Map<String, String[]> out = new LinkedHashMap<>();
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
        assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("java_class");
        while (rs.next()) {
            out.put(rs.getString("name"), new String[] {rs.getString(2), rs.getString(3)});
        }
        return out;
    }

    @Test
    void aValueThatDoesNotConvertIs22023NamingTheParameter() throws SQLException {
        try (Connection c = connect(""); CallableStatement cs = c.prepareCall("{call sluice.counts(?, ?)}")) {
            cs.setString(1, "t");
            cs.setString(2, "seven");
            assertThatThrownBy(cs::execute)
                    .hasMessage("parameter 'factor' of sluice.counts is BIGINT; the STRING value 'seven' cannot be"
                            + " converted to it")
                    .extracting("SQLState").isEqualTo("22023");
            cs.setBoolean(2, true);
            assertThatThrownBy(cs::execute).hasMessageContaining("the BOOLEAN value 'true'");
            cs.setBigDecimal(2, new BigDecimal("1.5"));
            assertThatThrownBy(cs::execute).hasMessageContaining("the DECIMAL(2,1) value '1.5'");
        }
        assertThat(TestProcedures.COUNTS_CALLS).isEmpty();
    }

    @Test
    void badCallsGetClearErrors() throws SQLException {
        try (Connection c = connect("")) {
            assertThatThrownBy(() -> c.prepareCall("{call sluice.counts(1, 2, 3, 4, 5, 6, 7)}"))
                    .hasMessageStartingWith("sluice.counts takes 6 parameters (table_name IN VARCHAR, factor IN"
                            + " BIGINT optional, affected OUT BIGINT,")
                    .extracting("SQLState").isEqualTo("22023");
            assertThatThrownBy(() -> c.prepareCall("{call sluice.counts(tablename => 't')}"))
                    .hasMessageStartingWith("sluice.counts has no parameter named 'tablename'");
            assertThatThrownBy(() -> c.prepareCall("{call sluice.counts('t', table_name => 'u')}"))
                    .hasMessage("parameter 'table_name' of sluice.counts is given twice");
            assertThatThrownBy(() -> c.prepareCall("{call sluice.counts(factor => 1, 't')}"))
                    .extracting("SQLState").isEqualTo("42601");
            assertThatThrownBy(() -> c.prepareCall("{call sluice.counts(upper(?))}"))
                    .hasMessageContaining("takes only ?, literals and DEFAULT");
            assertThatThrownBy(() -> c.prepareCall("{call sluice.counts('t', 1, 5)}"))
                    .hasMessageContaining("parameter 'affected' of sluice.counts is OUT");
            assertThatThrownBy(() -> c.prepareCall("{? = call sluice.failing()}"))
                    .extracting("SQLState").isEqualTo("0A000");
            assertThatThrownBy(() -> c.prepareCall("SELECT 1")).extracting("SQLState").isEqualTo("42601");
            try (CallableStatement cs = c.prepareCall("{call sluice.counts(factor => 3)}")) {
                assertThatThrownBy(cs::execute)
                        .hasMessage("parameter 'table_name' of sluice.counts (VARCHAR) is required and has no value")
                        .extracting("SQLState").isEqualTo("22023");
            }
            try (CallableStatement cs = c.prepareCall("{call sluice.counts(?)}")) {
                assertThatThrownBy(cs::execute).hasMessageContaining("parameter 1 of the call").hasMessageContaining("is not set")
                        .extracting("SQLState").isEqualTo("07001");
                cs.setNull(1, Types.VARCHAR);
                assertThatThrownBy(cs::execute).hasMessageContaining("is required and cannot be NULL");
            }
        }
    }

    @Test
    void parameterMetaDataGivesDeclaredTypesAndModes() throws SQLException {
        try (Connection c = connect("")) {
            try (CallableStatement cs = c.prepareCall("{? = call sluice.counts(?, factor => ?, deleted => ?)}")) {
                ParameterMetaData md = cs.getParameterMetaData();
                assertThat(md.getParameterCount()).isEqualTo(4);
                assertThat(md.getParameterMode(1)).isEqualTo(ParameterMetaData.parameterModeOut);
                assertThat(md.getParameterType(1)).isEqualTo(Types.BIGINT);
                assertThat(md.getParameterMode(2)).isEqualTo(ParameterMetaData.parameterModeIn);
                assertThat(md.getParameterTypeName(2)).isEqualTo("STRING");
                assertThat(md.getParameterClassName(3)).isEqualTo("java.lang.Long");
                assertThat(md.getParameterMode(4)).isEqualTo(ParameterMetaData.parameterModeOut);
            }
            try (CallableStatement cs = c.prepareCall("{? = call upper(?)}")) {
                cs.setInt(2, 1);
                ParameterMetaData md = cs.getParameterMetaData();
                assertThat(md.getParameterCount()).isEqualTo(2);
                assertThat(md.getParameterMode(1)).isEqualTo(ParameterMetaData.parameterModeOut);
                assertThat(md.getParameterType(2)).isEqualTo(Types.INTEGER);
            }
        }
    }

    @Test
    void outParametersMustBeRegisteredAndBeOut() throws SQLException {
        try (Connection c = connect(""); CallableStatement cs = c.prepareCall("{call sluice.counts(?, ?, ?, ?)}")) {
            assertThatThrownBy(() -> cs.registerOutParameter(1, Types.VARCHAR))
                    .hasMessage("parameter 1 of the call (parameter 'table_name' of sluice.counts) is IN; only OUT and"
                            + " INOUT parameters can be registered");
            cs.setString(1, "t");
            cs.setLong(2, 1);
            cs.registerOutParameter(3, Types.BIGINT);
            assertThatThrownBy(() -> cs.getLong(3)).extracting("SQLState").isEqualTo("HY010");
            cs.execute();
            assertThat(cs.getLong(3)).isEqualTo(4);
            assertThatThrownBy(() -> cs.getLong(4))
                    .hasMessage("parameter 4 ('updated' of sluice.counts) was not registered as an OUT parameter;"
                            + " call registerOutParameter(4, type) before executing")
                    .extracting("SQLState").isEqualTo("07009");
            assertThatThrownBy(() -> cs.getLong("inserted"))
                    .hasMessageContaining("parameter 'inserted' of sluice.counts is not passed as ? in this call");
            assertThatThrownBy(() -> cs.getLong(9)).extracting("SQLState").isEqualTo("07009");
        }
    }

    @Test
    void unknownBuiltInNameIs42883ListingTheNamespace() throws SQLException {
        try (Connection c = connect("")) {
            assertThatThrownBy(() -> c.prepareCall("{call sluice.delta_nope(?)}"))
                    .hasMessageStartingWith("procedure sluice.delta_nope does not exist; the built-in procedures are"
                            + " sluice.{broken, counts, failing, query, typed} (")
                    .extracting("SQLState").isEqualTo("42883");
        }
    }

    @Test
    void theProceduresFailureReachesTheCallerUnchanged() throws SQLException {
        try (Connection c = connect(""); CallableStatement cs = c.prepareCall("{call sluice.failing()}")) {
            assertThatThrownBy(cs::execute).hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND")
                    .extracting("SQLState").isEqualTo("42P01");
        }
    }

    @Test
    void aProvidersBugIsAnSqlExceptionNamingTheProcedure() throws SQLException {
        try (Connection c = connect(""); CallableStatement cs = c.prepareCall("{call sluice.broken()}")) {
            assertThatThrownBy(cs::execute).isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("sluice.broken failed: java.lang.IllegalArgumentException: sluice.broken"
                            + " has no IN parameter named nope")
                    .extracting("SQLState").isEqualTo("HY000");
        }
    }

    @Test
    void aProcedureCanHandOverAnOpenResultFromTheSameConnection() throws SQLException {
        server.script(StatementScript.forSql("SELECT id FROM t")
                .succeeds(Result.jsonRows(Column.list("id BIGINT"), List.of(Result.row("1"), Result.row("2")))));
        List<Long> ids = new ArrayList<>();
        try (Connection c = connect(""); CallableStatement cs = c.prepareCall("{call sluice.query(?)}")) {
            cs.setString(1, "SELECT id FROM t");
            assertThat(cs.execute()).isTrue();
            ResultSet rs = cs.getResultSet();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            assertThat(cs.getMoreResults()).isFalse();
            assertThat(cs.getUpdateCount()).isEqualTo(-1);
            assertThat(rs.isClosed()).isTrue();
        }
        assertThat(ids).containsExactly(1L, 2L);
        server.assertExecutedOnce("SELECT id FROM t");
    }

    @Test
    void otherNamesRunOnTheServerAsCallWithTheirParameters() throws SQLException {
        server.script(StatementScript.forSql("CALL main.ops.`re fresh`(?, mode => ?, 3)").succeeds(Result.noResultSet()));
        try (Connection c = connect("");
             CallableStatement cs = c.prepareCall("{call main.ops.`re fresh`(?, mode => ?, 3)}")) {
            cs.setString(1, "t");
            cs.setLong("mode", 2);
            cs.execute();
            assertThatThrownBy(() -> cs.registerOutParameter(1, Types.VARCHAR))
                    .extracting("SQLState").isEqualTo("0A000");
        }
        server.assertExecutedOnce("CALL main.ops.`re fresh`(?, mode => ?, 3)");
        List<Map<String, Object>> params = server.statementRequests().get(0).parameters();
        assertThat(params).hasSize(2);
        assertThat(params.get(0)).containsEntry("value", "t").containsEntry("type", "STRING");
        assertThat(params.get(1)).containsEntry("value", "2").containsEntry("type", "BIGINT");
    }

    @Test
    void nativeSqlShowsWhatACallEscapeRunsAs() throws SQLException {
        try (Connection c = connect("")) {
            assertThat(c.nativeSQL("{call main.ops.p(?, n => 'x')}")).isEqualTo("CALL main.ops.p(?, n => 'x')");
            assertThat(c.nativeSQL("{? = call upper(?)}")).isEqualTo("SELECT upper(?)");
            assertThat(c.nativeSQL("SELECT '{call x}'")).isEqualTo("SELECT '{call x}'");
        }
    }

    @Test
    void aServerFunctionsValueIsOutParameterOne() throws SQLException {
        server.script(StatementScript.forSql("SELECT upper(?)")
                .succeeds(Result.jsonRows(Column.list("upper(x) STRING"), List.of(Result.row("ABC")))));
        try (Connection c = connect(""); CallableStatement cs = c.prepareCall("{? = call upper(?)}")) {
            cs.registerOutParameter(1, Types.VARCHAR);
            cs.setString(2, "abc");
            assertThat(cs.execute()).isFalse();
            assertThat(cs.getString(1)).isEqualTo("ABC");
        }
    }

    @Test
    void theNamespaceFollowsTheProcedureNamespaceProperty() throws SQLException {
        server.script(StatementScript.forSql("CALL sluice.counts('t')").fails(SqlError.of("ROUTINE_NOT_FOUND",
                "The routine `sluice`.`counts` cannot be found.", "42883")));
        try (Connection c = connect(";ProcedureNamespace=tools")) {
            try (CallableStatement cs = c.prepareCall("{call tools.counts('t')}")) {
                cs.execute();
            }
            try (CallableStatement cs = c.prepareCall("{call sluice.counts('t')}")) {
                assertThatThrownBy(cs::execute).hasMessageContaining("ROUTINE_NOT_FOUND")
                        .extracting("SQLState").isEqualTo("42883");
            }
        }
        assertThat(TestProcedures.COUNTS_CALLS).hasSize(1);
        server.assertExecutedOnce("CALL sluice.counts('t')");
    }
}
