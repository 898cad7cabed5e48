package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.Like;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.unsafe.types.UTF8String;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Which catalogs, schemas and tables an {@code information_schema} view must list, read from the WHERE
 * conjuncts directly above it ({@code col = 'x'}, {@code col LIKE 'p%'}, {@code col IN ('a', 'b')} on the
 * view's catalog / schema / name column). Only an optimisation: the Filter stays in the plan and Spark applies
 * every predicate, so a conjunct this class does not understand just prunes nothing.
 */
record ViewPruning(Predicate<String> catalog, Predicate<String> schema, Predicate<String> table) {

    static final ViewPruning NONE = new ViewPruning(s -> true, s -> true, s -> true);

    /** Reads the conjuncts of {@code condition}; {@code qualifiers} are the names the view may be referred to by. */
    static ViewPruning of(Expression condition, String view, List<String> qualifiers) {
        String prefix = view.equals("schemata") ? "" : view.equals("catalogs") ? "" : "table_";
        String catalogCol = view.equals("schemata") || view.equals("catalogs") ? "catalog_name" : prefix + "catalog";
        String schemaCol = view.equals("schemata") ? "schema_name" : prefix + "schema";
        String tableCol = prefix + "name";
        List<Predicate<String>> c = new ArrayList<>();
        List<Predicate<String>> s = new ArrayList<>();
        List<Predicate<String>> t = new ArrayList<>();
        for (Expression e : conjuncts(condition)) {
            Column col = column(e, qualifiers);
            if (col == null) {
                continue;
            }
            if (col.name.equals(catalogCol)) {
                c.add(col.test);
            } else if (col.name.equals(schemaCol)) {
                s.add(col.test);
            } else if (!view.equals("schemata") && !view.equals("catalogs") && col.name.equals(tableCol)) {
                t.add(col.test);
            }
        }
        return new ViewPruning(all(c), all(s), all(t));
    }

    private record Column(String name, Predicate<String> test) {
    }

    private static Predicate<String> all(List<Predicate<String>> ps) {
        return v -> ps.stream().allMatch(p -> p.test(v));
    }

    private static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        if (e instanceof And a) {
            out.addAll(conjuncts(a.left()));
            out.addAll(conjuncts(a.right()));
        } else {
            out.add(e);
        }
        return out;
    }

    private static Column column(Expression e, List<String> qualifiers) {
        if (e instanceof EqualTo eq) {
            String name = name(eq.left(), qualifiers);
            String value = string(eq.right());
            if (name == null) {
                name = name(eq.right(), qualifiers);
                value = string(eq.left());
            }
            String v = value;
            return name == null || v == null ? null : new Column(name, x -> x.equals(v));
        }
        if (e instanceof Like like) {
            String name = name(like.left(), qualifiers);
            String pattern = string(like.right());
            if (name == null || pattern == null) {
                return null;
            }
            Pattern re = likeRegex(pattern, like.escapeChar());
            return new Column(name, x -> re.matcher(x).matches());
        }
        if (e instanceof In in) {
            String name = name(in.value(), qualifiers);
            List<String> values = new ArrayList<>();
            for (Expression v : CollectionConverters.asJava(in.list())) {
                String s = string(v);
                if (s == null) {
                    return null;
                }
                values.add(s);
            }
            return name == null ? null : new Column(name, values::contains);
        }
        return null;
    }

    private static String name(Expression e, List<String> qualifiers) {
        if (!(e instanceof UnresolvedAttribute a)) {
            return null;
        }
        List<String> parts = CollectionConverters.asJava(a.nameParts());
        if (parts.size() == 1) {
            return parts.get(0).toLowerCase(java.util.Locale.ROOT);
        }
        if (parts.size() == 2 && qualifiers.stream().anyMatch(q -> q.equalsIgnoreCase(parts.get(0)))) {
            return parts.get(1).toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }

    private static String string(Expression e) {
        return e instanceof Literal l && l.value() instanceof UTF8String u ? u.toString() : null;
    }

    /** Spark's LIKE: {@code _} one character, {@code %} any run, the escape character quoting the next one. */
    static Pattern likeRegex(String pattern, char escape) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == escape && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (ch == '%') {
                re.append(".*");
            } else if (ch == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
