package dev.sluice.testing.sea;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One manifest column: {@code name}, {@code type_text}, {@code type_name} and the optional
 * {@code type_precision}, {@code type_scale}, {@code type_interval_type} (protocol.md §1.5). Immutable.
 *
 * <p>{@link #of(String, String)} derives {@code type_name} from the SQL type text the way the server reports
 * it ({@code BIGINT} is {@code LONG}, {@code DECIMAL(18,2)} is {@code DECIMAL} with precision 18 and scale 2,
 * {@code INTERVAL DAY TO SECOND} is {@code INTERVAL} with interval type {@code DAY TO SECOND}, ...);
 * {@link #raw} states every field explicitly for shapes the derivation does not cover.
 */
public final class Column {

    private static final Pattern DECIMAL =
            Pattern.compile("(?i)(?:DECIMAL|DEC|NUMERIC)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
    private static final Pattern INTERVAL = Pattern.compile("(?i)INTERVAL\\s+(.+)");

    private final String name;
    private final String typeName;
    private final String typeText;
    private final Integer precision;
    private final Integer scale;
    private final String intervalType;

    private Column(String name, String typeName, String typeText, Integer precision, Integer scale,
                   String intervalType) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.typeName = Objects.requireNonNull(typeName, "typeName is null");
        this.typeText = Objects.requireNonNull(typeText, "typeText is null");
        this.precision = precision;
        this.scale = scale;
        this.intervalType = intervalType;
    }

    /**
     * A column described by its SQL type text, e.g. {@code Column.of("amount", "DECIMAL(18,2)")}.
     * {@code VARCHAR(n)} and {@code CHAR(n)} are reported as {@code STRING}, as the server does.
     */
    public static Column of(String name, String sqlType) {
        String text = Objects.requireNonNull(sqlType, "sqlType is null").trim();
        String upper = text.toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(text);
        if (decimal.matches()) {
            int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
            int precision = Integer.parseInt(decimal.group(1));
            return new Column(name, "DECIMAL", "DECIMAL(" + precision + "," + scale + ")", precision, scale, null);
        }
        Matcher interval = INTERVAL.matcher(text);
        if (interval.matches()) {
            String qualifier = interval.group(1).trim().toUpperCase(Locale.ROOT);
            return new Column(name, "INTERVAL", "INTERVAL " + qualifier, null, null, qualifier);
        }
        return new Column(name, typeNameOf(upper), typeTextOf(upper, text), null, null, null);
    }

    /** A column with every field given; null precision, scale or interval type are omitted from the JSON. */
    public static Column raw(String name, String typeName, String typeText, Integer precision, Integer scale,
                             String intervalType) {
        return new Column(name, typeName, typeText, precision, scale, intervalType);
    }

    /**
     * Columns from {@code "name TYPE"} specs, split at the first blank:
     * {@code Column.list("id BIGINT", "tags ARRAY<STRING>")}.
     */
    public static List<Column> list(String... specs) {
        List<Column> columns = new ArrayList<>(specs.length);
        for (String spec : specs) {
            String trimmed = spec.trim();
            int blank = trimmed.indexOf(' ');
            if (blank < 0) {
                throw new IllegalArgumentException("column spec needs a name and a type: " + spec);
            }
            columns.add(of(trimmed.substring(0, blank), trimmed.substring(blank + 1)));
        }
        return List.copyOf(columns);
    }

    /** {@code name}. */
    public String name() {
        return name;
    }

    /** {@code type_name}, e.g. {@code LONG}. */
    public String typeName() {
        return typeName;
    }

    /** {@code type_text}, e.g. {@code BIGINT}. */
    public String typeText() {
        return typeText;
    }

    /** {@code type_precision}, or null when omitted. */
    public Integer precision() {
        return precision;
    }

    /** {@code type_scale}, or null when omitted. */
    public Integer scale() {
        return scale;
    }

    /** {@code type_interval_type}, or null when omitted. */
    public String intervalType() {
        return intervalType;
    }

    /** The manifest JSON of this column at a position; {@code position} is written even when 0. */
    Json.Obj toJson(int position) {
        return Json.object()
                .put("name", name)
                .put("type_text", typeText)
                .put("type_name", typeName)
                .put("position", position)
                .putIfPresent("type_precision", precision)
                .putIfPresent("type_scale", scale)
                .putIfPresent("type_interval_type", intervalType);
    }

    @Override
    public String toString() {
        return name + " " + typeText;
    }

    private static String typeNameOf(String upper) {
        String base = upper.replaceAll("[<(].*", "").trim();
        return switch (base) {
            case "BIGINT", "LONG" -> "LONG";
            case "INT", "INTEGER" -> "INT";
            case "SMALLINT", "SHORT" -> "SHORT";
            case "TINYINT", "BYTE" -> "BYTE";
            case "REAL" -> "FLOAT";
            case "VARCHAR", "CHAR", "STRING" -> "STRING";
            case "VOID", "NULL" -> "NULL";
            default -> base;
        };
    }

    private static String typeTextOf(String upper, String text) {
        if (upper.startsWith("VARCHAR") || upper.startsWith("CHAR")) {
            return "STRING";
        }
        if (upper.equals("NULL")) {
            return "VOID";
        }
        return text;
    }
}
