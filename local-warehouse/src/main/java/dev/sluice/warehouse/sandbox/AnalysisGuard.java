package dev.sluice.warehouse.sandbox;

import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * A check rule on every analyzed plan: reflection ({@code reflect}, {@code java_method}, {@code try_reflect})
 * into any class but the warehouse's gates is refused however it got into the plan: typed in the statement,
 * in a view's text or in the body of a SQL function, which the parse-time {@link PlanGuard} never sees.
 */
public final class ReflectionGuard {

    private ReflectionGuard() {
    }

    public static BoxedUnit check(LogicalPlan plan) {
        visit(plan);
        return BoxedUnit.UNIT;
    }

    private static void visit(TreeNode<?> node) {
        if (node instanceof CallMethodViaReflection call) {
            Expression first = call.children().head();
            Object cls = first instanceof Literal l ? l.value() : null;
            if (cls == null || !Sandbox.GATES_CLASS.equals(cls.toString())) {
                throw Sandbox.denied(call.prettyName() + "() is not allowed in the local warehouse (it calls Java"
                        + " methods of the server" + (cls == null ? "" : ", here of class " + cls) + ")");
            }
        }
        for (Object child : CollectionConverters.asJava(node.children())) {
            visit((TreeNode<?>) child);
        }
        if (node instanceof LogicalPlan p) {
            for (Object e : CollectionConverters.asJava(p.expressions())) {
                visit((TreeNode<?>) e);
            }
        }
        if (node instanceof org.apache.spark.sql.catalyst.expressions.SubqueryExpression s) {
            visit(s.plan());
        }
    }
}
