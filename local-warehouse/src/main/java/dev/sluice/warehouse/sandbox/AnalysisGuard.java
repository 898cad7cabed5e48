package dev.sluice.warehouse.sandbox;

import java.util.Map;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import scala.Option;
import scala.Product;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * A check rule on every analyzed plan, the second line behind {@link PlanGuard}: whatever way a name or a call
 * reached the plan (an {@code IDENTIFIER(...)} clause, a parameter, a view's text, a SQL function's body), the
 * resolved plan is checked once more. Reflection into any class but the gates is refused, and so is every file
 * relation, table location, storage location or Hadoop path outside the open directories.
 */
public final class AnalysisGuard {

    private AnalysisGuard() {
    }

    public static BoxedUnit check(LogicalPlan plan) {
        visit(plan);
        return BoxedUnit.UNIT;
    }

    private static void visit(Object o) {
        if (o instanceof CallMethodViaReflection call) {
            reflection(call);
        }
        if (o instanceof HadoopFsRelation fs) {
            for (Object root : CollectionConverters.asJava(fs.location().rootPaths())) {
                Sandbox.checkPath("Path", root.toString());
            }
        }
        if (o instanceof org.apache.hadoop.fs.Path p) {
            Sandbox.checkPath("Path", p.toString());
        } else if (o instanceof CatalogStorageFormat storage) {
            if (storage.locationUri().isDefined()) {
                Sandbox.checkPath("Location", storage.locationUri().get().toString());
            }
        } else if (o instanceof TreeNode<?> || (o instanceof Product && isSpark(o))) {
            Product p = (Product) o;
            for (int i = 0; i < p.productArity(); i++) {
                visit(p.productElement(i));
            }
        } else if (o instanceof scala.collection.Map<?, ?> m) {
            for (Map.Entry<?, ?> e : CollectionConverters.asJava(m).entrySet()) {
                visit(e.getValue());
            }
        } else if (o instanceof Iterable<?> it) {
            for (Object e : CollectionConverters.asJava(it)) {
                if (e instanceof TreeNode<?> || e instanceof Product || e instanceof Iterable<?>
                        || e instanceof org.apache.hadoop.fs.Path) {
                    visit(e); // rows of a local relation are neither, and are skipped cheaply
                }
            }
        } else if (o instanceof Option<?> opt && opt.isDefined()) {
            visit(opt.get());
        }
        if (o instanceof org.apache.spark.sql.catalyst.expressions.SubqueryExpression s) {
            visit(s.plan());
        }
    }

    private static boolean isSpark(Object o) {
        String name = o.getClass().getName();
        return name.startsWith("org.apache.spark.sql.") || name.startsWith("io.delta.");
    }

    private static void reflection(CallMethodViaReflection call) {
        Object first = call.children().head();
        Object cls = first instanceof Literal l ? l.value() : null;
        if (cls == null || !Sandbox.GATES_CLASS.equals(cls.toString())) {
            throw Sandbox.denied(call.prettyName() + "() is not allowed in the local warehouse (it calls Java"
                    + " methods of the server" + (cls == null ? "" : ", here of class " + cls) + ")");
        }
    }
}
