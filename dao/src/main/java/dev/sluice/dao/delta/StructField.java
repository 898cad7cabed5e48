package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A column or a struct's field: name (unquoted), type, nullability and comment. */
public record StructField(String name, DataType type, boolean nullable, Optional<String> comment) {

    public StructField {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        comment = comment == null ? Optional.empty() : comment;
    }

    /** A nullable field without a comment. */
    public static StructField of(String name, DataType type) {
        return new StructField(name, type, true, Optional.empty());
    }

    /** A nullable field of a type given as text, e.g. {@code of("id", "bigint")}. */
    public static StructField of(String name, String type) {
        return of(name, DataType.parse(type));
    }

    public StructField notNull() {
        return new StructField(name, type, false, comment);
    }

    public StructField withComment(String text) {
        return new StructField(name, type, nullable, Optional.of(text));
    }

    /** The column as DDL: {@code `name` TYPE [NOT NULL] [COMMENT '...']}. */
    public String sql() {
        return Sql.quote(name) + " " + type.sql() + (nullable ? "" : " NOT NULL")
                + comment.map(c -> " COMMENT " + Sql.literal(c)).orElse("");
    }
}
