package dev.sluice.warehouse.catalog;

import dev.sluice.warehouse.sandbox.AnalysisGuard;
import org.apache.spark.sql.SparkSessionExtensions;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * Registered in {@code spark.sql.extensions} after Delta's extension, so its parser wraps Delta's:
 * every session parses Unity Catalog names through {@link UcParser} (which also applies the SQL sandbox), and
 * every analyzed plan passes the sandbox's second check ({@link AnalysisGuard}); Databricks' {@code read_files}
 * table function is added ({@link ReadFiles}).
 */
public final class UcExtension implements Function1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectParser((session, delegate) ->
                new UcParser((org.apache.spark.sql.classic.SparkSession) session, delegate));
        extensions.injectCheckRule(session -> AnalysisGuard::check);
        extensions.injectTableFunction(ReadFiles.function());
        return BoxedUnit.UNIT;
    }
}
