package dev.sluice.jdbc.internal.types;

import java.util.Objects;

/**
 * A named member of a {@link SqlType}: a STRUCT field, or the {@code element} of an ARRAY, or the
 * {@code key} / {@code value} of a MAP.
 *
 * @param name the field name as written (backquotes removed)
 * @param type the field's type
 */
public record SqlField(String name, SqlType type) {
    public SqlField {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }
}
