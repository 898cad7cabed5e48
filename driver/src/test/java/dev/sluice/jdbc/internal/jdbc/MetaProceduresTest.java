package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.ScriptedWarehouseExtension;
import dev.sluice.testing.sea.StatementScript;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getProcedures and getProcedureColumns: the test provider's built-in procedures next to the server's. */
class MetaProceduresTest {
    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    static final String ROUTINES = "SELECT routine_catalog, routine_schema, routine_name, comment, specific_name"
            + " FROM `main`.information_schema.routines WHERE routine_type = 'PROCEDURE' AND routine_catalog = 'main'";

    private static Connection open(ScriptedWarehouse warehouse, String extra) throws SQLException {
        return new SluiceDriver().connect(warehouse.jdbcUrl("wh1") + ";EnableArrow=0" + extra, new Properties());
    }

    @Test
    void builtInProceduresComeFirstWithoutCatalogThenTheServersOwn(ScriptedWarehouse warehouse) throws SQLException {
        warehouse.script(StatementScript.forSql("SHOW CATALOGS")
                .succeeds(Result.jsonRows(Column.list("catalog STRING"), List.of(Result.row("main")))));
        warehouse.script(StatementScript.forSql(ROUTINES).succeeds(Result.jsonRows(
                Column.list("routine_catalog STRING", "routine_schema STRING", "routine_name STRING",
                        "comment STRING", "specific_name STRING"),
                List.of(Result.row("main", "ops", "refresh", "Refreshes", "refresh")))));
        List<List<Object>> rows;
        try (Connection c = open(warehouse, "")) {
            rows = MetaServerTest.read(MetaServerTest.metaData(c).getProcedures(null, null, "%"));
        }
        assertThat(rows).containsExactly(
                Arrays.asList(null, "sluice", "broken", null, null, null, "Reads a parameter it does not declare",
                        (short) DatabaseMetaData.procedureNoResult, "broken"),
                Arrays.asList(null, "sluice", "counts", null, null, null, "Counts like a merge's, from the factor",
                        (short) DatabaseMetaData.procedureNoResult, "counts"),
                Arrays.asList(null, "sluice", "failing", null, null, null, "Always fails with 42P01",
                        (short) DatabaseMetaData.procedureNoResult, "failing"),
                Arrays.asList(null, "sluice", "query", null, null, null, "Runs a query on the caller's connection",
                        (short) DatabaseMetaData.procedureReturnsResult, "query"),
                Arrays.asList(null, "sluice", "typed", null, null, null, "Shows the converted IN values",
                        (short) DatabaseMetaData.procedureReturnsResult, "typed"),
                Arrays.asList("main", "ops", "refresh", null, null, null, "Refreshes",
                        (short) DatabaseMetaData.procedureResultUnknown, "refresh"));
    }

    @Test
    void patternsCatalogAndNamespaceNarrowTheBuiltIns(ScriptedWarehouse warehouse) throws SQLException {
        try (Connection c = open(warehouse, ";ProcedureNamespace=tools")) {
            DatabaseMetaData md = MetaServerTest.metaData(c);
            assertThat(MetaServerTest.read(md.getProcedures("", "TOOLS", "c_unt%"))).extracting(r -> r.get(2))
                    .containsExactly("counts");
            assertThat(MetaServerTest.read(md.getProcedures("", "sluice", null))).isEmpty();
            assertThat(MetaServerTest.read(md.getProcedures("", "", null))).isEmpty();
        }
        assertThat(warehouse.statementRequests()).as("no catalog asked: the server is not asked").isEmpty();
    }

    @Test
    void parametersHaveModesTypesDefaultsAndRemarksInCallOrder(ScriptedWarehouse warehouse) throws SQLException {
        List<List<Object>> rows;
        try (Connection c = open(warehouse, "")) {
            rows = MetaServerTest.read(MetaServerTest.metaData(c).getProcedureColumns("", "sluice", "counts", null));
        }
        assertThat(rows).extracting(r -> r.get(3)).containsExactly("table_name", "factor", "affected", "updated",
                "deleted", "inserted");
        assertThat(rows).extracting(r -> r.get(4)).containsExactly((short) DatabaseMetaData.procedureColumnIn,
                (short) DatabaseMetaData.procedureColumnIn, (short) DatabaseMetaData.procedureColumnOut,
                (short) DatabaseMetaData.procedureColumnOut, (short) DatabaseMetaData.procedureColumnOut,
                (short) DatabaseMetaData.procedureColumnOut);
        assertThat(rows.get(0).subList(5, 7)).containsExactly(Types.VARCHAR, "STRING");
        assertThat(rows.get(1).subList(5, 7)).containsExactly(Types.BIGINT, "BIGINT");
        assertThat(rows.get(0).get(11)).as("NULLABLE of a required parameter")
                .isEqualTo((short) DatabaseMetaData.procedureNoNulls);
        assertThat(rows.get(0).get(12)).isEqualTo("the table_name");
        assertThat(rows.get(1).get(13)).as("COLUMN_DEF").isEqualTo("2");
        assertThat(rows).extracting(r -> r.get(17)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(warehouse.statementRequests()).isEmpty();
    }
}
