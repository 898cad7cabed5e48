package dev.sluice.jdbc.internal.client;

import java.util.Objects;

/**
 * One item of the statement's {@code parameters}: named ({@code :name} markers) or positional ({@code ?}
 * markers, the connector's {@code ordinal} extension).
 *
 * @param name the marker name, or null for a positional parameter
 * @param ordinal the 1-based position of a positional parameter, or 0 for a named one
 * @param type the type name sent as {@code type} (for example {@code INT}, {@code DECIMAL(10,2)}), or null to let
 *     the server assume STRING
 * @param value the value as text, or null for SQL NULL (then {@code value} is omitted on the wire)
 */
public record StatementParameter(String name, int ordinal, String type, String value) {
    /**
     * @throws IllegalArgumentException unless exactly one of a non-blank name and a positive ordinal is given
     */
    public StatementParameter {
        boolean named = name != null;
        if (named == (ordinal != 0) || (named && name.isBlank()) || ordinal < 0) {
            throw new IllegalArgumentException("a parameter needs either a non-blank name or an ordinal >= 1, got name="
                    + name + ", ordinal=" + ordinal);
        }
    }

    /** A {@code :name} parameter. */
    public static StatementParameter named(String name, String type, String value) {
        return new StatementParameter(Objects.requireNonNull(name, "name is null"), 0, type, value);
    }

    /** A {@code ?} parameter at the 1-based {@code ordinal}. */
    public static StatementParameter positional(int ordinal, String type, String value) {
        if (ordinal < 1) {
            throw new IllegalArgumentException("ordinal must be >= 1, got " + ordinal);
        }
        return new StatementParameter(null, ordinal, type, value);
    }
}
