package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Rewrites the Unity Catalog names of a freshly parsed plan onto Spark databases. Works on Spark's own
 * parse tree, so quoting, comments and string literals are never mistaken for names: table-like nodes
 * ({@code [c, s, t]} to {@code [c__s, t]}, {@code [s, t]} to {@code [current__s, t]}), namespaces
 * ({@code [c, s]} / {@code [s]} to {@code [c__s]}, also those of {@code USE SCHEMA}),
 * {@code information_schema} relations (replaced by plans over the catalog), and {@code current_catalog()} /
 * {@code current_schema()}; then primary and foreign keys become table properties ({@link ConstraintRewriter}).
 * One-part names are left alone: Spark resolves them in the current database, and they may be CTEs or
 * temporary views.
 */
final class PlanRewriter {

    private static final Set<String> TABLE_NODES = Set.of("UnresolvedRelation", "UnresolvedTable",
            "UnresolvedTableOrView", "UnresolvedView", "UnresolvedIdentifier");
    private static final Set<String> PATH_FORMATS = Set.of("delta", "parquet", "json", "csv", "orc", "text",
            "avro", "binaryfile");

    private final SparkSession session;
    private final CatalogRegistry catalogs;
    private final String currentCatalog;
    private final String currentSchema;
    private final ConstraintRewriter constraints;
    /** Reads the catalog for the information_schema views of this statement (one rewriter plans one statement). */
    private CatalogBrowser browser;

    PlanRewriter(SparkSession session, CatalogRegistry catalogs) {
        this.session = session;
        this.catalogs = catalogs;
        String[] current = UcNames.split(session.catalog().currentDatabase());
        this.currentCatalog = current == null ? UcNames.DEFAULT_CATALOG : current[0];
        this.currentSchema = current == null ? UcNames.DEFAULT_SCHEMA : current[1];
        this.constraints = new ConstraintRewriter(session, this::tableName);
    }

    LogicalPlan plan(LogicalPlan p) {
        String cls = p.getClass().getSimpleName();
        if (TABLE_NODES.contains(cls)) {
            List<String> parts = parts(p);
            if (cls.equals("UnresolvedRelation")) {
                LogicalPlan info = informationSchema(parts);
                if (info != null) {
                    return info;
                }
            }
            return withFirstArg(p, tableName(parts));
        }
        if (p instanceof Filter f) {
            LogicalPlan pruned = prunedInformationSchema(f);
            if (pruned != null) {
                return pruned;
            }
        }
        if (cls.equals("UnresolvedNamespace") || cls.equals("SetNamespaceCommand")) {
            // USE SCHEMA|DATABASE|NAMESPACE s carries its name parts directly, not in an UnresolvedNamespace
            return withFirstArg(p, namespace(parts(p)));
        }
        if (cls.equals("RenameTable")) {
            Object[] args = args(p);
            args[0] = any(args[0]);
            args[1] = seq(tableName(CollectionConverters.asJava((Seq<String>) args[1])));
            return (LogicalPlan) p.makeCopy(args);
        }
        return constraints.rewrite((LogicalPlan) copy(p));
    }

    private Object any(Object o) {
        if (o instanceof LogicalPlan p) {
            return plan(p);
        }
        if (o instanceof SubqueryExpression se) {
            return se.withNewPlan(plan(se.plan()));
        }
        if (o instanceof UnresolvedFunction f) {
            Object replaced = currentFunction(f);
            return replaced != null ? replaced : copy(f);
        }
        if (o instanceof TreeNode<?> t) {
            return copy(t);
        }
        if (o instanceof TableIdentifier ti) {
            return tableIdentifier(ti);
        }
        if (o instanceof Seq<?> s) {
            List<Object> out = new ArrayList<>(s.size());
            boolean changed = false;
            for (Object e : CollectionConverters.asJava(s)) {
                Object r = any(e);
                changed |= r != e;
                out.add(r);
            }
            return changed ? CollectionConverters.asScala(out).toList() : o;
        }
        if (o instanceof Option<?> opt && opt.isDefined()) {
            Object r = any(opt.get());
            return r != opt.get() ? Option.apply(r) : o;
        }
        if (o instanceof Tuple2<?, ?> t) {
            Object a = any(t._1());
            Object b = any(t._2());
            return a != t._1() || b != t._2() ? new Tuple2<>(a, b) : o;
        }
        return o;
    }

    private TreeNode<?> copy(TreeNode<?> node) {
        Object[] args = args(node);
        boolean changed = false;
        for (int i = 0; i < args.length; i++) {
            Object r = any(args[i]);
            changed |= r != args[i];
            args[i] = r;
        }
        return changed ? node.makeCopy(args) : node;
    }

    private Object currentFunction(UnresolvedFunction f) {
        if (f.nameParts().size() != 1 || !f.arguments().isEmpty()) {
            return null;
        }
        return switch (f.nameParts().head().toLowerCase(Locale.ROOT)) {
            case "current_catalog" -> Literal.create(currentCatalog, DataTypes.StringType);
            case "current_database", "current_schema" -> Literal.create(currentSchema, DataTypes.StringType);
            default -> null;
        };
    }

    /**
     * A WHERE directly over an {@code information_schema} view (aliased or not): the view is built listing only
     * what the filter's catalog / schema / name conjuncts can admit, and the Filter is kept, so the answer is
     * the same as without pruning.
     */
    private LogicalPlan prunedInformationSchema(Filter f) {
        LogicalPlan child = f.child();
        List<String> qualifiers = new ArrayList<>();
        SubqueryAlias alias = null;
        if (child instanceof SubqueryAlias a) {
            alias = a;
            qualifiers.add(a.alias());
            child = a.child();
        }
        if (!child.getClass().getSimpleName().equals("UnresolvedRelation")) {
            return null;
        }
        List<String> parts = parts(child);
        boolean qualified = parts.size() == 3 && parts.get(1).equalsIgnoreCase(UcNames.INFORMATION_SCHEMA);
        if (!qualified && !(parts.size() == 2 && parts.get(0).equalsIgnoreCase(UcNames.INFORMATION_SCHEMA))) {
            return null;
        }
        String view = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
        if (alias == null) {
            qualifiers.add(view);
        }
        String catalog = qualified ? UcNames.normalizeCatalog(parts.get(0)) : currentCatalog;
        requireCatalog(catalog);
        LogicalPlan info = InformationSchema.plan(session, browser(), catalog, view,
                ViewPruning.of(f.condition(), view, qualifiers));
        LogicalPlan newChild = alias == null ? info : (LogicalPlan) alias.withNewChildren(
                CollectionConverters.asScala(List.<LogicalPlan>of(info)).toSeq());
        Object[] args = args(f);
        args[0] = any(args[0]);
        args[1] = newChild;
        return (LogicalPlan) f.makeCopy(args);
    }

    private CatalogBrowser browser() {
        if (browser == null) {
            browser = CatalogBrowser.forStatement(session, catalogs);
        }
        return browser;
    }

    private LogicalPlan informationSchema(List<String> parts) {
        if (parts.size() == 3 && parts.get(1).equalsIgnoreCase(UcNames.INFORMATION_SCHEMA)) {
            String catalog = UcNames.normalizeCatalog(parts.get(0));
            requireCatalog(catalog);
            return InformationSchema.plan(session, browser(), catalog, parts.get(2));
        }
        if (parts.size() == 2 && parts.get(0).equalsIgnoreCase(UcNames.INFORMATION_SCHEMA)) {
            return InformationSchema.plan(session, browser(), currentCatalog, parts.get(1));
        }
        return null;
    }

    List<String> tableName(List<String> parts) {
        if (parts.size() == 2) {
            String a = parts.get(0);
            if (a.equalsIgnoreCase("global_temp") || isInternalDatabase(a)
                    || (PATH_FORMATS.contains(a.toLowerCase(Locale.ROOT))
                    && (parts.get(1).contains("/") || parts.get(1).contains(":")))) {
                return parts;
            }
            return List.of(UcNames.database(currentCatalog, a), parts.get(1));
        }
        if (parts.size() == 3) {
            if (parts.get(0).equalsIgnoreCase("system") && parts.get(1).equalsIgnoreCase("session")) {
                return parts; // session variables
            }
            requireCatalog(parts.get(0));
            return List.of(UcNames.database(parts.get(0), parts.get(1)), parts.get(2));
        }
        return parts;
    }

    List<String> namespace(List<String> parts) {
        if (parts.size() == 1) {
            return isInternalDatabase(parts.get(0)) ? parts : List.of(UcNames.database(currentCatalog, parts.get(0)));
        }
        if (parts.size() == 2) {
            requireCatalog(parts.get(0));
            return List.of(UcNames.database(parts.get(0), parts.get(1)));
        }
        return parts;
    }

    private TableIdentifier tableIdentifier(TableIdentifier ti) {
        if (ti.database().isEmpty()) {
            return ti;
        }
        List<String> parts = new ArrayList<>();
        if (ti.catalog().isDefined()) {
            parts.add(ti.catalog().get());
        }
        parts.add(ti.database().get());
        parts.add(ti.table());
        List<String> mapped = tableName(parts);
        if (mapped.equals(parts) || mapped.size() != 2) {
            return ti;
        }
        return new TableIdentifier(mapped.get(1), Option.apply(mapped.get(0)), Option.empty());
    }

    private boolean isInternalDatabase(String name) {
        return name.contains(UcNames.SEPARATOR)
                && session.sharedState().externalCatalog().databaseExists(name.toLowerCase(Locale.ROOT));
    }

    private void requireCatalog(String catalog) {
        if (!catalogs.exists(catalog)) {
            throw WarehouseSqlError.noSuchCatalog(catalog);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> parts(LogicalPlan p) {
        return CollectionConverters.asJava((Seq<String>) p.productElement(0));
    }

    private static LogicalPlan withFirstArg(LogicalPlan p, List<String> parts) {
        if (parts.equals(parts(p))) {
            return p;
        }
        Object[] args = args(p);
        args[0] = seq(parts);
        return (LogicalPlan) p.makeCopy(args);
    }

    private static Object[] args(TreeNode<?> node) {
        Object[] args = new Object[node.productArity()];
        for (int i = 0; i < args.length; i++) {
            args[i] = node.productElement(i);
        }
        return args;
    }

    private static Seq<String> seq(List<String> parts) {
        return CollectionConverters.asScala(parts).toList();
    }
}
