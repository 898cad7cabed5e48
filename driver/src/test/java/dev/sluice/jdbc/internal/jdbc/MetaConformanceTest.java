package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.ScriptedWarehouseExtension;
import dev.sluice.testing.sea.StatementScript;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What consumers rely on: SchemaCrawler calls every no-argument method, pools and frameworks compare the
 * answers with what the connection does. Each "supports" answer is checked against the behaviour it
 * describes.
 */
class MetaConformanceTest {
    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static final int[] RESULT_SET_TYPES = {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE,
        ResultSet.TYPE_SCROLL_SENSITIVE};

    private static Connection open(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.script(StatementScript.any().succeeds(Result.empty(Column.list("value STRING"))));
        warehouse.script(StatementScript.forSql("SHOW CATALOGS")
                .succeeds(Result.jsonRows(Column.list("catalog STRING"), List.of(Result.row("main")))));
        return new SluiceDriver().connect(warehouse.jdbcUrl("wh1") + ";EnableArrow=0", new Properties());
    }

    @Test
    void everyNoArgumentMethodAnswersWithoutThrowing(ScriptedWarehouse warehouse) throws Exception {
        List<String> called = new ArrayList<>();
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            for (Method m : DatabaseMetaData.class.getMethods()) {
                if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Object value;
                try {
                    value = m.invoke(md);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(m.getName() + " threw " + e.getCause(), e.getCause());
                }
                called.add(m.getName());
                if (value instanceof ResultSet) {
                    MetaServerTest.read((ResultSet) value);
                } else if (value instanceof Integer) {
                    assertThat((Integer) value).as(m.getName()).isNotNegative();
                } else if (value instanceof Long) {
                    assertThat((Long) value).as(m.getName()).isNotNegative();
                } else if (m.getReturnType() == String.class) {
                    assertThat(value).as(m.getName()).isNotNull();
                }
            }
        }
        assertThat(called).contains("getCatalogs", "getSchemas", "getTypeInfo", "getTableTypes",
                "getClientInfoProperties", "getURL", "getUserName", "getDatabaseProductVersion", "getSQLKeywords");
    }

    @Test
    void resultSetAnswersMatchWhatStatementsAccept(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            for (int type : RESULT_SET_TYPES) {
                assertThat(md.supportsResultSetType(type)).isEqualTo(accepts(c, type, ResultSet.CONCUR_READ_ONLY));
                for (int concurrency : new int[] {ResultSet.CONCUR_READ_ONLY, ResultSet.CONCUR_UPDATABLE}) {
                    assertThat(md.supportsResultSetConcurrency(type, concurrency))
                            .isEqualTo(accepts(c, type, concurrency));
                }
                assertThat(md.ownUpdatesAreVisible(type) || md.ownDeletesAreVisible(type)
                        || md.ownInsertsAreVisible(type) || md.othersUpdatesAreVisible(type)
                        || md.othersDeletesAreVisible(type) || md.othersInsertsAreVisible(type)
                        || md.updatesAreDetected(type) || md.deletesAreDetected(type)
                        || md.insertsAreDetected(type)).isFalse();
            }
            assertThat(md.getResultSetHoldability()).isEqualTo(c.getHoldability());
            assertThat(md.supportsResultSetHoldability(c.getHoldability())).isTrue();
            assertThat(md.supportsMultipleOpenResults()).isFalse();
            assertThat(md.supportsMultipleResultSets()).isFalse();
        }
    }

    /** Whether the statement has the type and concurrency asked for (JDBC downgrades the others). */
    private static boolean accepts(Connection c, int type, int concurrency) throws SQLException {
        try (Statement s = c.createStatement(type, concurrency)) {
            return s.getResultSetType() == type && s.getResultSetConcurrency() == concurrency;
        }
    }

    @Test
    void transactionAnswersMatchTheAutoCommitConnection(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            assertThat(md.supportsTransactions()).isFalse();
            assertThat(c.getAutoCommit()).isTrue();
            c.setAutoCommit(false);
            assertThat(c.getAutoCommit()).isFalse();
            c.setAutoCommit(true);
            assertThat(md.getDefaultTransactionIsolation()).isEqualTo(c.getTransactionIsolation());
            assertThat(md.supportsTransactionIsolationLevel(c.getTransactionIsolation())).isTrue();
            assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isFalse();
            assertThat(md.supportsSavepoints()).isFalse();
            assertThatThrownBy(c::setSavepoint).isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThat(md.supportsOpenCursorsAcrossCommit()).isTrue();
            assertThat(md.supportsDataDefinitionAndDataManipulationTransactions()).isFalse();
            assertThat(md.supportsDataManipulationTransactionsOnly()).isFalse();
        }
    }

    @Test
    void statementFeatureAnswersMatchTheStatements(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            assertThat(md.supportsGetGeneratedKeys()).isFalse();
            try (Statement s = c.prepareStatement("INSERT INTO t VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                try (ResultSet keys = s.getGeneratedKeys()) {
                    assertThat(keys.next()).as("no keys are generated, so none are returned").isFalse();
                }
            }
            assertThat(md.supportsStoredProcedures()).isTrue();
            assertThat(md.supportsSchemasInProcedureCalls()).isTrue();
            try (java.sql.CallableStatement call = c.prepareCall("{call main.s.p()}")) {
                call.execute();
            }
            assertThat(warehouse.statementRequests()).anyMatch(r -> r.statement().equals("CALL main.s.p()"));
            assertThat(md.supportsBatchUpdates()).isTrue();
            try (Statement s = c.createStatement()) {
                s.addBatch("INSERT INTO t VALUES (1)");
                s.clearBatch();
            }
            assertThat(md.supportsNamedParameters()).isFalse();
            assertThat(md.supportsStatementPooling()).isFalse();
        }
    }

    @Test
    void readOnlyFollowsTheConnection(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            assertThat(md.isReadOnly()).isFalse();
            c.setReadOnly(true);
            assertThat(md.isReadOnly()).isTrue();
        }
    }

    @Test
    void exactlyOneAnswerForNullOrderAndIdentifierCase(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            assertThat(count(md.nullsAreSortedHigh(), md.nullsAreSortedLow(), md.nullsAreSortedAtStart(),
                    md.nullsAreSortedAtEnd())).isEqualTo(1);
            assertThat(count(md.storesLowerCaseIdentifiers(), md.storesUpperCaseIdentifiers(),
                    md.storesMixedCaseIdentifiers(), md.supportsMixedCaseIdentifiers())).isEqualTo(1);
            assertThat(count(md.storesLowerCaseQuotedIdentifiers(), md.storesUpperCaseQuotedIdentifiers(),
                    md.storesMixedCaseQuotedIdentifiers(), md.supportsMixedCaseQuotedIdentifiers())).isEqualTo(1);
            assertThat(md.storesLowerCaseIdentifiers()).isTrue();
        }
    }

    private static int count(boolean... flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    @Test
    void listsAreCommaSeparatedUpperCaseNames(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            for (String list : new String[] {md.getSQLKeywords(), md.getNumericFunctions(), md.getStringFunctions(),
                md.getSystemFunctions(), md.getTimeDateFunctions()}) {
                assertThat(list).matches("[A-Z0-9_]+(,[A-Z0-9_]+)*");
            }
            assertThat(md.getSQLKeywords().split(",")).contains("QUALIFY", "ILIKE", "OPTIMIZE")
                    .doesNotContain("SELECT", "FROM");
        }
    }

    @Test
    void fixedResultsNeedNoServerAndHaveTheirLayouts(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse)) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            assertThat(MetaServerTest.read(md.getTableTypes())).containsExactly(List.of("TABLE"), List.of("VIEW"));
            assertThat(MetaServerTest.read(md.getTypeInfo())).hasSize(MetaTypeInfo.rows().size());
            assertEmpty(md.getClientInfoProperties(), MetaLayout.CLIENT_INFO_PROPERTIES);
            assertEmpty(md.getIndexInfo("main", "s", "t", false, true), MetaLayout.INDEX_INFO);
            assertEmpty(md.getBestRowIdentifier("main", "s", "t", DatabaseMetaData.bestRowSession, true),
                    MetaLayout.ROW_IDENTIFIERS);
            assertEmpty(md.getVersionColumns("main", "s", "t"), MetaLayout.ROW_IDENTIFIERS);
            assertEmpty(md.getProcedures("", "nope", null), MetaLayout.PROCEDURES);
            assertEmpty(md.getProcedureColumns("", "nope", null, null), MetaLayout.PROCEDURE_COLUMNS);
            assertEmpty(md.getUDTs(null, null, null, null), MetaLayout.UDTS);
            assertEmpty(md.getSuperTypes(null, null, null), MetaLayout.SUPER_TYPES);
            assertEmpty(md.getSuperTables(null, null, null), MetaLayout.SUPER_TABLES);
            assertEmpty(md.getAttributes(null, null, null, null), MetaLayout.ATTRIBUTES);
            assertEmpty(md.getColumnPrivileges("main", "s", "t", null), MetaLayout.COLUMN_PRIVILEGES);
            assertEmpty(md.getPseudoColumns(null, null, null, null), MetaLayout.PSEUDO_COLUMNS);
        }
        assertThat(warehouse.statementRequests()).isEmpty();
    }

    private static void assertEmpty(ResultSet rs, MetaLayout layout) throws SQLException {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(layout.width());
        for (int i = 1; i <= layout.width(); i++) {
            assertThat(rs.getMetaData().getColumnName(i)).isEqualTo(layout.columns().get(i - 1).name());
        }
        assertThat(MetaServerTest.read(rs)).isEmpty();
    }
}
