package dev.sluice.dao.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** schema(), diff, evolve and validate against real Delta tables. */
@ExtendWith(LocalWarehouseExtension.class)
class SchemaTest {

    private final DataSource ds;
    private String schema;

    SchemaTest(LocalWarehouse warehouse) {
        this.ds = new DriverDataSource(new SluiceDriver(), warehouse.jdbcUrl());
    }

    @BeforeEach
    void createSchema() throws SQLException {
        schema = "dao_schema_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE SCHEMA main." + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        sql("DROP SCHEMA main." + schema + " CASCADE");
    }

    private void sql(String text) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(text);
        }
    }

    private DeltaTable people() throws SQLException {
        DeltaTable t = DeltaTable.of(ds, TableName.of("main", schema, "people"));
        t.create(TableDefinition.builder()
                .column(StructField.of("id", "int").notNull().withComment("the key"))
                .column("name", "string")
                .column("score", "float")
                .column("address", "struct<city:string,zip:int>")
                .column("tags", "array<string>")
                .column("attrs", "map<string,bigint>")
                .build());
        t.append(Rows.builder("id", "name", "score").add(1, "a", 1.5f).build());
        return t;
    }

    @Test
    void schemaIsTypedNestedWithNullabilityAndComments() throws SQLException {
        StructType s = people().schema();
        assertThat(s.names()).containsExactly("id", "name", "score", "address", "tags", "attrs");
        assertThat(s.field("ID")).hasValueSatisfying(f -> {
            assertThat(f.type()).isEqualTo(new DataType.Primitive("int"));
            assertThat(f.nullable()).isFalse();
            assertThat(f.comment()).hasValue("the key");
        });
        assertThat(s.field("name").orElseThrow().nullable()).isTrue();
        assertThat(s.field("address").orElseThrow().type()).isEqualTo(StructType.of(StructField.of("city", "string"),
                StructField.of("zip", "int")));
        assertThat(s.field("tags").orElseThrow().type()).isInstanceOf(DataType.ArrayType.class);
        assertThat(s.field("attrs").orElseThrow().type().sql()).isEqualTo("MAP<STRING, BIGINT>");
    }

    @Test
    void diffClassifiesEveryKindOfChange() throws SQLException {
        DeltaTable t = people();
        StructType expected = StructType.parseColumns("id BIGINT, full_name STRING, score DOUBLE,"
                + " address STRUCT<city: STRING, zip: STRING, country: STRING>, tags ARRAY<STRING>, added DATE");
        SchemaDiff d = t.diff(expected, Map.of("name", "full_name"));
        assertThat(d.added()).extracting(SchemaChange::column).containsExactlyInAnyOrder("added", "address.country");
        assertThat(d.widenings()).extracting(SchemaChange::column).containsExactlyInAnyOrder("id", "score");
        assertThat(d.needingColumnMapping()).extracting(SchemaChange::kind, SchemaChange::column)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.RENAME, "name"),
                        org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.DROP, "attrs"));
        assertThat(d.refused()).singleElement().satisfies(c -> {
            assertThat(c.column()).isEqualTo("address.zip");
            assertThat(c.reason()).contains("INT to STRING");
        });
        assertThat(d.of(SchemaChange.Kind.DROP_NOT_NULL)).extracting(SchemaChange::column).containsExactly("id");
    }

    @Test
    void evolveAppliesWhatIsAllowedAndEnablesFeaturesOnlyWhenAsked() throws SQLException {
        DeltaTable t = people();
        StructType expected = StructType.parseColumns("id BIGINT, full_name STRING, score DOUBLE,"
                + " address STRUCT<city: STRING, zip: INT, country: STRING>, tags ARRAY<STRING>, added DATE");
        EvolveOptions rename = EvolveOptions.defaults().withRenames(Map.of("name", "full_name"));
        assertThatThrownBy(() -> t.evolve(expected, rename))
                .isInstanceOf(SchemaEvolutionConflict.class)
                .hasMessageContaining("id: widens INT to BIGINT").hasMessageContaining("withTypeWidening()")
                .hasMessageContaining("name: renamed to full_name").hasMessageContaining("withColumnMapping()");
        assertThat(t.schema().names()).containsExactly("id", "name", "score", "address", "tags", "attrs");

        SchemaDiff applied = t.evolve(expected, rename.withTypeWidening().withColumnMapping().withDrops());
        assertThat(applied.changes()).hasSize(7);
        StructType now = t.schema();
        assertThat(now.names()).containsExactly("id", "full_name", "score", "address", "tags", "added");
        assertThat(now.field("id").orElseThrow().type().sql()).isEqualTo("BIGINT");
        assertThat(now.field("id").orElseThrow().nullable()).isTrue();
        assertThat(now.field("score").orElseThrow().type().sql()).isEqualTo("DOUBLE");
        assertThat(((StructType) now.field("address").orElseThrow().type()).names()).containsExactly("city", "zip", "country");
        assertThat(t.properties()).containsEntry("delta.enableTypeWidening", "true")
                .containsEntry("delta.columnMapping.mode", "name");
        assertThat(t.readAll(ReadRequest.builder().columns("id", "full_name", "score").build(),
                rs -> rs.getLong(1) + rs.getString(2) + rs.getDouble(3))).containsExactly("1a1.5");
        assertThat(t.diff(expected).isEmpty()).isTrue();
        assertThat(t.history(3)).extracting(HistoryEntry::operation).contains("ADD COLUMNS");
    }

    @Test
    void validateNamesEveryOffendingColumn() throws SQLException {
        DeltaTable t = people();
        t.validate(StructType.parseColumns("id INT, name STRING, score FLOAT"));
        t.validate(StructType.parseColumns("id SMALLINT, name STRING"));
        assertThatThrownBy(() -> t.validate(StructType.parseColumns("id BIGINT, name INT, extra STRING")))
                .isInstanceOfSatisfying(SchemaEvolutionConflict.class, e -> assertThat(e.getMessage())
                        .contains("id: BIGINT does not fit the column's INT (the column must be widened first)")
                        .contains("name: INT does not fit the column's STRING")
                        .contains("extra: not a column of the table"));
        assertThatThrownBy(() -> t.validate(StructType.parseColumns("name STRING")))
                .hasMessageContaining("id: NOT NULL column missing from the rows");
    }

    @Test
    void typesParseAsDescribeAndDdlWriteThem() {
        assertThat(DataType.parse("struct<`a b`:int,c:array<map<string,decimal(10,2)>>>").sql())
                .isEqualTo("STRUCT<`a b`: INT, `c`: ARRAY<MAP<STRING, DECIMAL(10,2)>>>");
        StructType cols = StructType.parseColumns("`x``y` BIGINT NOT NULL COMMENT 'it\\'s', z LONG");
        assertThat(cols.fields().get(0)).isEqualTo(new StructField("x`y", new DataType.Primitive("bigint"), false,
                Optional.of("it's")));
        assertThat(cols.fields().get(1).type()).isEqualTo(new DataType.Primitive("bigint"));
        assertThat(TypeRules.widens(DataType.parse("decimal(10,2)"), DataType.parse("decimal(12,4)"))).isTrue();
        assertThat(TypeRules.widens(DataType.parse("decimal(10,2)"), DataType.parse("decimal(11,4)"))).isFalse();
        assertThat(TypeRules.widens(DataType.parse("int"), DataType.parse("decimal(10,0)"))).isTrue();
        assertThat(TypeRules.widens(DataType.parse("bigint"), DataType.parse("decimal(19,0)"))).isFalse();
        assertThat(TypeRules.widens(DataType.parse("date"), DataType.parse("timestamp_ntz"))).isTrue();
        assertThatThrownBy(() -> StructType.parseColumns("a INT,, b")).isInstanceOf(IllegalArgumentException.class);
    }
}
