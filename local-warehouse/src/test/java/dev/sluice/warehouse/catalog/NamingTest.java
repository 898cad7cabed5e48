package dev.sluice.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Unity Catalog name mapping, SHOW patterns and the tokenizer for Databricks-only statements. */
class NamingTest {

    @Test
    void catalogAndSchemaMapToOneDatabaseAndBack() {
        assertThat(UcNames.database("Main", "Sales")).isEqualTo("main__sales");
        assertThat(UcNames.database("hive_metastore", "default")).isEqualTo("main__default");
        assertThat(UcNames.database("SPARK", "x")).isEqualTo("main__x");
        assertThat(UcNames.split("cat__schema__with__seps")).containsExactly("cat", "schema__with__seps");
        assertThat(UcNames.split("default")).isNull();
        assertThat(UcNames.isValidCatalogName("a__b")).isFalse();
        assertThat(UcNames.isValidCatalogName("sales")).isTrue();
    }

    @Test
    void messagesShowCatalogDotSchema() {
        assertThat(UcNames.humanize("The table or view `spark_catalog`.`main__sales`.`t` cannot be found"))
                .isEqualTo("The table or view `main`.`sales`.`t` cannot be found");
    }

    @Test
    void quotedAndDottedNamesAndDetailNamesShowCatalogDotSchema() {
        assertThat(UcNames.humanize("Database 'main__sales' not found")).isEqualTo("Database 'main.sales' not found");
        assertThat(UcNames.humanize("Table main__sales.t is busy")).isEqualTo("Table main.sales.t is busy");
        assertThat(UcNames.tableName("spark_catalog.main__sales.orders")).isEqualTo("main.sales.orders");
        assertThat(UcNames.tableName("cat__s__x.t")).isEqualTo("cat.s__x.t");
        assertThat(UcNames.tableName("default.t")).isEqualTo("default.t");
        assertThat(UcNames.tableName(null)).isNull();
    }

    @Test
    void patternsFollowDatabricksAndAcceptJdbcWildcards() {
        assertThat(NamePattern.of("sal*|fin*").test("Sales")).isTrue();
        assertThat(NamePattern.of("sal*|fin*").test("finance")).isTrue();
        assertThat(NamePattern.of("sal*|fin*").test("hr")).isFalse();
        assertThat(NamePattern.of("conf.x").test("conf_x")).isTrue();
        assertThat(NamePattern.of("a%").test("abc")).isTrue();
        assertThat(NamePattern.of("[").test("[")).isTrue();
        assertThat(NamePattern.of(null).test("anything")).isTrue();
    }

    @Test
    void tokenizerKeepsQuotedTextApart() {
        SqlTokens t = SqlTokens.of("SHOW TABLES IN CATALOG `my cat` /* c */ SCHEMA LIKE 'a''b' -- x\n LIKE \"t*\";");
        assertThat(t.accept("SHOW", "TABLES", "IN", "CATALOG")).isTrue();
        assertThat(t.identifier()).isEqualTo("my cat");
        assertThat(t.accept("SCHEMA", "LIKE")).isTrue();
        assertThat(t.string()).isEqualTo("a'b");
        assertThat(t.accept("LIKE")).isTrue();
        assertThat(t.string()).isEqualTo("t*");
        assertThat(t.atEnd()).isTrue();
        assertThat(SqlTokens.of("SELECT 'unterminated")).isNull();
    }

    @Test
    void qualifiedNamesAndSyntaxErrors() {
        SqlTokens t = SqlTokens.of("USE CATALOG a.b");
        assertThat(t.accept("USE", "CATALOG")).isTrue();
        assertThat(t.qualifiedName()).isEqualTo(List.of("a", "b"));
        SqlTokens bad = SqlTokens.of("CREATE CATALOG 'x'");
        assertThat(bad.accept("CREATE", "CATALOG")).isTrue();
        assertThatThrownBy(bad::identifier).isInstanceOf(WarehouseSqlError.class)
                .hasMessageContaining("SQLSTATE: 42601");
    }
}
