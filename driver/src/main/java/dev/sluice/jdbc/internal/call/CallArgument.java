package dev.sluice.jdbc.internal.call;

/**
 * One argument of a call.
 *
 * @param name        the parameter name of a named argument ({@code name => value}), null when positional
 * @param text        the value as written
 * @param kind        what the value is
 * @param firstMarker 0-based index, among the call's argument markers, of this argument's first {@code ?}
 * @param markerCount {@code ?} markers in the value (1 for a marker, 0 for a literal)
 * @param literalType for a literal, the Databricks type of its value (VOID for NULL)
 * @param literalText for a literal, its value as the text a CAST reads (null for NULL)
 */
public record CallArgument(String name, String text, Kind kind, int firstMarker, int markerCount,
                           String literalType, String literalText) {

    /** What an argument's value is. */
    public enum Kind { MARKER, LITERAL, DEFAULT, EXPRESSION }

    static CallArgument marker(String name, int marker) {
        return new CallArgument(name, "?", Kind.MARKER, marker, 1, null, null);
    }

    static CallArgument literal(String name, String text, String type, String value) {
        return new CallArgument(name, text, Kind.LITERAL, -1, 0, type, value);
    }

    static CallArgument defaultValue(String name) {
        return new CallArgument(name, "DEFAULT", Kind.DEFAULT, -1, 0, null, null);
    }

    static CallArgument expression(String name, String text, int firstMarker, int markers) {
        return new CallArgument(name, text, Kind.EXPRESSION, firstMarker, markers, null, null);
    }

    /** The argument as the server reads it, name included. */
    String written() {
        if (name == null) {
            return text;
        }
        boolean plain = name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
        return (plain ? name : "`" + name.replace("`", "``") + "`") + " => " + text;
    }
}
