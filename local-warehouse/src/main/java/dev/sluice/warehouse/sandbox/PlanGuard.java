package dev.sluice.warehouse.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.Option;
import scala.Product;
import scala.Tuple2;
import scala.collection.Iterable;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses a freshly parsed statement that would reach the host outside the warehouse directory or load code:
 * path relations ({@code text.`/etc/passwd`}, {@code delta.`/x`}), {@code LOCATION} and {@code OPTIONS (path
 * ...)} of tables, schemas and views, {@code INSERT OVERWRITE [LOCAL] DIRECTORY}, {@code LOAD DATA},
 * {@code ADD JAR|FILE|ARCHIVE}, class-name functions, data sources other than the file formats, reflection
 * into any class but the gates, and {@code SET} of settings that load classes or move data. Works on Spark's
 * own parse tree, so comments, quoting and parameters cannot disguise a form; every field of every node is
 * visited, so nested plans (subqueries, EXPLAIN, CTEs) are covered too.
 */
public final class PlanGuard {

    private static final Set<String> REFLECTION = Set.of("reflect", "java_method", "try_reflect");
    private static final Set<String> RELATIONS = Set.of("UnresolvedRelation", "UnresolvedTable",
            "UnresolvedTableOrView", "UnresolvedView", "UnresolvedIdentifier");
    private static final Set<String> PATH_KEYS = Set.of("path", "paths", "location");

    private PlanGuard() {
    }

    /** Throws the permission error (INSUFFICIENT_PERMISSIONS, SQLSTATE 42501) naming the first refused form. */
    public static void check(LogicalPlan plan) {
        visit(plan);
    }

    private static void visit(Object o) {
        if (o instanceof Product spec && spec.getClass().getSimpleName().endsWith("TableSpec")
                && spec.getClass().getName().startsWith("org.apache.spark.sql.")) {
            // (Unresolved)TableSpec(properties, provider, options, location, ...), an expression in Spark 4
            provider(spec.productElement(1));
            if (spec.productElement(3) instanceof Option<?> location && location.isDefined()) {
                Sandbox.checkPath("Location", String.valueOf(location.get()));
            }
        }
        if (o instanceof LogicalPlan p) {
            node(p);
            fields(p);
        } else if (o instanceof UnresolvedFunction f) {
            function(f);
            fields(f);
        } else if (o instanceof TreeNode<?> t) {
            fields(t);
        } else if (o instanceof TableIdentifier ti) {
            if (ti.database().isDefined()) {
                relation(List.of(ti.database().get(), ti.table()));
            }
        } else if (o instanceof CatalogStorageFormat storage) {
            if (storage.locationUri().isDefined()) {
                Sandbox.checkPath("Location", storage.locationUri().get().toString());
            }
            visitMap(storage.properties());
        } else if (o instanceof scala.collection.Map<?, ?> m) {
            visitMap(m);
        } else if (o instanceof Iterable<?> it) {
            for (Object e : CollectionConverters.asJava(it)) {
                visit(e);
            }
        } else if (o instanceof Option<?> opt && opt.isDefined()) {
            visit(opt.get());
        } else if (o instanceof Tuple2<?, ?> t) {
            keyValue(t._1(), t._2());
            visit(t._1());
            visit(t._2());
        } else if (o instanceof Product p && p.getClass().getName().startsWith("org.apache.spark.sql.")) {
            // specs and other case classes of Spark (UnresolvedTableSpec, OptionList, ...)
            for (int i = 0; i < p.productArity(); i++) {
                visit(p.productElement(i));
            }
        }
    }

    private static void fields(TreeNode<?> node) {
        for (int i = 0; i < node.productArity(); i++) {
            visit(node.productElement(i));
        }
    }

    private static void node(LogicalPlan p) {
        String cls = p.getClass().getSimpleName();
        if (RELATIONS.contains(cls)) {
            relation(strings(p.productElement(0)));
            return;
        }
        switch (cls) {
            case "AddJarsCommand", "AddFilesCommand", "AddArchivesCommand" ->
                    throw Sandbox.denied(cls.replace("sCommand", "").replace("Add", "ADD ").toUpperCase(Locale.ROOT)
                            + " is not allowed in the local warehouse");
            case "CreateFunction", "CreateFunctionCommand" ->
                    throw Sandbox.denied("CREATE FUNCTION with a class name is not allowed in the local warehouse"
                            + " (SQL functions, CREATE FUNCTION f(...) RETURNS ... RETURN ..., are)");
            case "SetCommand" -> setCommand(p);
            case "LoadData" -> Sandbox.checkPath("LOAD DATA path", (String) p.productElement(1));
            case "SetTableLocation", "SetNamespaceLocation" -> {
                for (int i = 0; i < p.productArity(); i++) {
                    if (p.productElement(i) instanceof String location) {
                        Sandbox.checkPath("Location", location);
                    }
                }
            }
            case "InsertIntoDir" -> provider(p.productElement(2)); // its location is checked with its fields
            case "UnresolvedPathBasedDeltaTable", "UnresolvedPathBasedTable",
                 "UnresolvedPathBasedDeltaTableRelation" ->
                    Sandbox.checkPath("Path", (String) p.productElement(0));
            case "CreateTempViewUsing" -> provider(p.productElement(4));
            default -> {
                // the fields are visited next
            }
        }
    }

    /** {@code fmt.`path`}: a file read or write; other two-part names are schema.table. */
    private static void relation(List<String> parts) {
        if (parts.size() == 2 && Sandbox.FORMATS.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
            String path = parts.get(1);
            if (path.contains("/") || path.contains(":") || path.contains("\\")) {
                Sandbox.checkPath("Path", path);
            }
        }
    }

    private static void setCommand(LogicalPlan p) {
        Object kv = p.productElement(0);
        if (kv instanceof Option<?> opt && opt.isDefined() && opt.get() instanceof Tuple2<?, ?> t
                && t._2() instanceof Option<?> value && value.isDefined()) {
            String refused = Sandbox.refusedSetting(String.valueOf(t._1()));
            if (refused != null) {
                throw Sandbox.denied(refused.substring(0, refused.length() - 1));
            }
        }
    }

    /** A table spec's or option list's {@code path}/{@code location} entry, and the data source named by USING. */
    private static void keyValue(Object key, Object value) {
        if (!(key instanceof String k)) {
            return;
        }
        String name = k.toLowerCase(Locale.ROOT);
        String text = value instanceof Literal l && l.value() != null ? l.value().toString()
                : value instanceof String s ? s : null;
        if (text != null && PATH_KEYS.contains(name)) {
            Sandbox.checkPath("Location", text);
        }
    }

    private static void visitMap(scala.collection.Map<?, ?> m) {
        for (Map.Entry<?, ?> e : CollectionConverters.asJava(m).entrySet()) {
            keyValue(e.getKey(), e.getValue());
            visit(e.getValue());
        }
    }

    private static void provider(Object o) {
        Object p = o instanceof Option<?> opt ? (opt.isDefined() ? opt.get() : null) : o;
        if (p instanceof String name && !Sandbox.FORMATS.contains(name.toLowerCase(Locale.ROOT))
                && !name.equalsIgnoreCase("hive")) {
            throw Sandbox.denied("Data source '" + name + "' is not allowed in the local warehouse (only "
                    + String.join(", ", Sandbox.FORMATS.stream().sorted().toList()) + ")");
        }
    }

    private static void function(UnresolvedFunction f) {
        List<String> name = CollectionConverters.asJava(f.nameParts());
        String last = name.get(name.size() - 1).toLowerCase(Locale.ROOT);
        if (!REFLECTION.contains(last)) {
            return;
        }
        Seq<Expression> args = f.arguments();
        Object cls = args.isEmpty() || !(args.head() instanceof Literal l) ? null : l.value();
        if (cls == null || !Sandbox.GATES_CLASS.equals(cls.toString())) {
            throw Sandbox.denied(last + "() is not allowed in the local warehouse (it calls Java methods of"
                    + " the server" + (cls == null ? "" : ", here of class " + cls) + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object seq) {
        return CollectionConverters.asJava((Seq<String>) seq);
    }
}
