package dev.sluice.warehouse.catalog;

import dev.sluice.warehouse.sandbox.PlanGuard;
import io.delta.sql.parser.DeltaSqlParser;
import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParameterContext;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;

/**
 * Spark's (and Delta's) parser with Unity Catalog names rewritten in every parsed plan. Identifier-only
 * entry points are passed through untouched because Spark and Delta call them with internal names.
 */
final class UcParser implements ParserInterface {

    private static final ThreadLocal<Boolean> RAW = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static volatile CatalogRegistry catalogs;

    private final SparkSession session;
    private final ParserInterface delegate;

    UcParser(SparkSession session, ParserInterface delegate) {
        this.session = session;
        this.delegate = delegate;
    }

    static void install(CatalogRegistry registry) {
        catalogs = registry;
    }

    /** Runs warehouse-internal SQL that already uses Spark database names. */
    static <T> T raw(Supplier<T> action) {
        boolean before = RAW.get();
        RAW.set(Boolean.TRUE);
        try {
            return action.get();
        } finally {
            RAW.set(before);
        }
    }

    private LogicalPlan rewrite(LogicalPlan plan) {
        if (RAW.get() || catalogs == null) {
            return plan; // the warehouse's own statements, or start-up before the catalog exists
        }
        PlanGuard.check(plan);
        return new PlanRewriter(session, catalogs).plan(plan);
    }

    /**
     * The statement parsed by Delta's parser, or, for an INSERT, by Spark's parser under it directly. Delta's grammar
     * has no statement that starts with INSERT: it runs its own ANTLR pass over the whole text, finds no rule and
     * hands the same text to Spark's {@code parsePlan}. For a multi-row INSERT of a megabyte that first pass was
     * about a sixth of the statement's time, so an INSERT goes to Spark's {@code parsePlan} at once, the very call
     * Delta would have made ({@link InsertText#isInsert}). A multi-row INSERT of literals only is not parsed at all
     * beyond its first row ({@link LiteralInsert}).
     */
    private LogicalPlan parseStatement(String sql) throws ParseException {
        if (delegate instanceof DeltaSqlParser delta && InsertText.isInsert(sql)) {
            LogicalPlan literal = LiteralInsert.plan(sql, delta.delegate());
            return literal != null ? literal : delta.delegate().parsePlan(sql);
        }
        return delegate.parsePlan(sql);
    }

    @Override
    public LogicalPlan parsePlan(String sqlText) throws ParseException {
        TimeseriesKeys.Stripped s = TimeseriesKeys.strip(sqlText);
        TimeseriesKeys.set(s.columns());
        try {
            return rewrite(parseStatement(s.sql()));
        } finally {
            TimeseriesKeys.set(java.util.List.of());
        }
    }

    @Override
    public LogicalPlan parsePlanWithParameters(String sqlText, ParameterContext context) throws ParseException {
        TimeseriesKeys.Stripped s = TimeseriesKeys.strip(sqlText);
        TimeseriesKeys.set(s.columns());
        try {
            if (delegate instanceof DeltaSqlParser && InsertText.isInsert(s.sql())) {
                // Delta's parsePlanWithParameters is ParserInterface's default, parsePlan(text): the same here
                return rewrite(parseStatement(s.sql()));
            }
            return rewrite(delegate.parsePlanWithParameters(s.sql(), context));
        } finally {
            TimeseriesKeys.set(java.util.List.of());
        }
    }

    @Override
    public LogicalPlan parseQuery(String sqlText) throws ParseException {
        return rewrite(delegate.parseQuery(sqlText));
    }

    @Override
    public Expression parseExpression(String sqlText) throws ParseException {
        return delegate.parseExpression(sqlText);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String sqlText) throws ParseException {
        return delegate.parseTableIdentifier(sqlText);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String sqlText) throws ParseException {
        return delegate.parseFunctionIdentifier(sqlText);
    }

    @Override
    public Seq<String> parseMultipartIdentifier(String sqlText) throws ParseException {
        return delegate.parseMultipartIdentifier(sqlText);
    }

    @Override
    public StructType parseRoutineParam(String sqlText) throws ParseException {
        return delegate.parseRoutineParam(sqlText);
    }

    @Override
    public StructType parseTableSchema(String sqlText) throws ParseException {
        return delegate.parseTableSchema(sqlText);
    }

    @Override
    public DataType parseDataType(String sqlText) throws ParseException {
        return delegate.parseDataType(sqlText);
    }
}
