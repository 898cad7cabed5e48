package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A column type as Databricks SQL spells it: a primitive ({@code bigint}, {@code decimal(10,2)}), an array, a map
 * or a struct, nested to any depth. {@link #sql()} renders it back with field names quoted.
 */
public sealed interface DataType permits DataType.Primitive, DataType.ArrayType, DataType.MapType, StructType {

    /** The type as DDL text. */
    String sql();

    /** Parses a type as DESCRIBE prints it, e.g. {@code struct<a:int,b:array<string>>}. */
    static DataType parse(String text) {
        return TypeParser.parse(text);
    }

    /** A primitive type; {@code name} lower case with its arguments, e.g. {@code decimal(10,2)}, {@code int}. */
    record Primitive(String name) implements DataType {
        public Primitive {
            requireNonNull(name, "name is null");
            name = TypeParser.canonical(name);
        }

        /** The name without arguments: {@code decimal} for {@code decimal(10,2)}. */
        public String base() {
            int p = name.indexOf('(');
            return p < 0 ? name : name.substring(0, p);
        }

        /** Precision and scale of a decimal; empty list otherwise. */
        public List<Integer> arguments() {
            int p = name.indexOf('(');
            if (p < 0) {
                return List.of();
            }
            return java.util.Arrays.stream(name.substring(p + 1, name.length() - 1).split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
        }

        @Override
        public String sql() {
            return name.toUpperCase(java.util.Locale.ROOT);
        }
    }

    record ArrayType(DataType element, boolean containsNull) implements DataType {
        @Override
        public String sql() {
            return "ARRAY<" + element.sql() + ">";
        }
    }

    record MapType(DataType key, DataType value, boolean valueContainsNull) implements DataType {
        @Override
        public String sql() {
            return "MAP<" + key.sql() + ", " + value.sql() + ">";
        }
    }
}
