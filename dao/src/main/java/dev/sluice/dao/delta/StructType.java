package dev.sluice.dao.delta;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A struct type, and a table's schema: fields in order. Field lookup ignores case, as Databricks does. */
public record StructType(List<StructField> fields) implements DataType {

    public StructType {
        fields = List.copyOf(fields);
    }

    public static StructType of(StructField... fields) {
        return new StructType(List.of(fields));
    }

    /**
     * Parses a column list as DDL writes it, e.g. {@code id BIGINT NOT NULL COMMENT 'key', tags ARRAY<STRING>}.
     *
     * @throws IllegalArgumentException naming the position of the first thing it cannot read
     */
    public static StructType parseColumns(String ddl) {
        return TypeParser.columns(ddl);
    }

    public Optional<StructField> field(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    public List<String> names() {
        return fields.stream().map(StructField::name).toList();
    }

    @Override
    public String sql() {
        return fields.stream().map(f -> Sql.quote(f.name()) + ": " + f.type().sql() + (f.nullable() ? "" : " NOT NULL")
                        + f.comment().map(c -> " COMMENT " + Sql.literal(c)).orElse(""))
                .collect(Collectors.joining(", ", "STRUCT<", ">"));
    }
}
