package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.observe.Failures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the driver's metadata SQL in the connection's session and turns result rows into metadata rows.
 *
 * <p>Catalog arguments follow JDBC: null means every catalog, "" means objects without a catalog (there are
 * none in Databricks), anything else names one catalog. Every catalog is one query of
 * {@code system.information_schema}, which spans the catalogs (one statement where one per catalog would cost
 * a round trip each). A server without it gets, for this connection from then on, what it needs: each catalog
 * {@code SHOW CATALOGS} lists queried on its own.
 *
 * <p>A catalog whose query fails (one without an information_schema such as {@code hive_metastore}, a view the
 * server does not have, a catalog that does not exist) contributes no rows rather than failing the call; only
 * failures of the connection itself, of authentication, timeouts and cancellations propagate.
 *
 * <p>A query built for one catalog also asks for rows of that catalog ({@code table_catalog = 'c'}): a view
 * of the {@code system} catalog would otherwise list every catalog's objects.
 */
final class MetaSql {
    private static final Logger LOG = LoggerFactory.getLogger(MetaSql.class);

    /**
     * The server-side wait of metadata SQL, as the official driver asks for every statement. Metadata statements
     * are short and no application can cancel them, so the asynchronous submit's prompt cancel buys nothing,
     * while its polling backoff would add up to {@code AsyncExecPollInterval} to each call.
     */
    private static final int HYBRID_WAIT = 10;
    /** The statement POST must outlast the server's wait by this much, or it would fail while the server holds it. */
    private static final int SUBMIT_MARGIN = 5;
    private static final int SHORTEST_HYBRID_WAIT = 5;

    private final SluiceConnection connection;
    /** False once {@code system.information_schema} failed on this connection: each catalog is read alone. */
    private volatile boolean systemViews = true;
    /**
     * The text of queries the server answered with "this information_schema view does not exist" (42P01): a
     * view the server does not have (the local warehouse has no {@code table_privileges}) is not asked for again
     * on this connection, and the call answers as it did, with no rows from that catalog.
     */
    private final Set<String> missingViews = ConcurrentHashMap.newKeySet();
    /**
     * False once the server refused one of the drivers' SHOW metadata commands ({@code SHOW TABLES IN CATALOG ..})
     * as syntax it does not know: a fact of the server's grammar, so information_schema from then on.
     */
    private volatile boolean showCommands = true;

    MetaSql(SluiceConnection connection) {
        this.connection = connection;
    }

    /**
     * Whether ARRAY/MAP/STRUCT are presented as objects (EnableComplexDatatypeSupport=1) or as JSON text; metadata
     * describes them as the connection's result sets do.
     */
    boolean complexTypesAsObjects() {
        return connection.settings().resultOptions().complexTypesAsObjects();
    }

    /** Reads one metadata row from the current row of a server result; null skips the row. */
    interface RowReader {
        Object[] read(ResultSet rs, String catalog) throws SQLException;
    }

    /**
     * Builds the query to run against one catalog, or against every catalog when given null (the views of
     * {@link MetaQuery#view} with a null catalog are {@code system}'s, and {@link MetaQuery#equal} with null
     * does not narrow).
     */
    interface CatalogQuery {
        MetaQuery in(String catalog);
    }

    /** Every catalog, from {@code SHOW CATALOGS}, in the server's order. */
    List<String> showCatalogs() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = statement(); ResultSet rs = s.executeQuery("SHOW CATALOGS")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The catalogs a metadata call looks in: all for null, none for "", else the one named. */
    List<String> catalogs(String catalog) throws SQLException {
        if (catalog == null) {
            return showCatalogs();
        }
        return catalog.isEmpty() ? List.of() : List.of(catalog);
    }

    /** Runs {@code query} in each catalog {@link #catalogs} names and gathers the rows. */
    List<Object[]> perCatalog(String catalog, CatalogQuery query, RowReader reader) throws SQLException {
        if (catalog == null && systemViews) {
            MetaQuery q = query.in(null);
            List<Object[]> rows = runOrNull(q, null, reader, e -> {
                systemViews = false;
                LOG.debug("system.information_schema unusable, reading each catalog: {} failed with {} {}",
                        q.sql(), e.getSQLState(), e.getMessage());
            });
            if (rows != null) {
                return rows;
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (String c : catalogs(catalog)) {
            MetaQuery q = query.in(c);
            if (missingViews.contains(q.sql())) {
                continue;
            }
            List<Object[]> found = runOrNull(q, c, reader, e -> {
                if (isMissingView(e)) {
                    missingViews.add(q.sql());
                }
                LOG.debug("catalog {} skipped: {} failed with {} {}", c, q.sql(), e.getSQLState(), e.getMessage());
            });
            if (found != null) {
                rows.addAll(found);
            }
        }
        return rows;
    }

    /**
     * Runs one of the SHOW commands Databricks serves for JDBC/ODBC metadata ({@code SHOW SCHEMAS IN ALL CATALOGS},
     * {@code SHOW TABLES IN CATALOG ..}), which the server answers from its catalog without planning a query over
     * the information_schema views. Null when the server cannot answer it, and the caller asks information_schema:
     * a syntax error (the server lacks the command) for the rest of the connection, any other failure that is not
     * {@link #isFatal} for this call.
     */
    List<Object[]> show(String command, RowReader reader) throws SQLException {
        if (!showCommands) {
            return null;
        }
        return runOrNull(MetaQuery.of(command), null, reader, e -> {
            if ("42601".equals(e.getSQLState())) {
                showCommands = false;
            }
            LOG.debug("{} failed with {} {}; reading information_schema", command, e.getSQLState(), e.getMessage());
        });
    }

    /**
     * {@link #run}, or null when the query failed in a way that says nothing about the connection (not
     * {@link #isFatal}): {@code refused} then notes what the failure says about the server; a fatal failure
     * propagates. The failure is handled here, so it is not logged as the application's.
     */
    private List<Object[]> runOrNull(MetaQuery query, String catalog, RowReader reader,
                                     Consumer<SQLException> refused) throws SQLException {
        Failures.Handled handled = Failures.handledHere();
        try {
            return run(query, catalog, reader);
        } catch (SQLException e) {
            if (isFatal(e)) {
                throw e;
            }
            refused.accept(e);
            return null;
        } finally {
            handled.close();
        }
    }

    /** Runs one query and reads every row; {@code catalog} is handed to the reader. */
    List<Object[]> run(MetaQuery query, String catalog, RowReader reader) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = statement(); ResultSet rs = s.executeQuery(query.sql())) {
            while (rs.next()) {
                Object[] row = reader.read(rs, catalog);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The first column of the first row of {@code sql}, or null when there is no row. */
    String scalar(String sql) throws SQLException {
        try (Statement s = statement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Statement statement() throws SQLException {
        SluiceStatement s = (SluiceStatement) connection.createStatement();
        hybridWait(s);
        return s;
    }

    private void hybridWait(SluiceStatement s) {
        long submit = connection.timeouts().submit().toSeconds();
        int wait = (int) Math.min(HYBRID_WAIT, submit - SUBMIT_MARGIN);
        s.waitSeconds(wait < SHORTEST_HYBRID_WAIT ? 0 : wait);
    }

    /**
     * True for failures that say nothing about one catalog: the connection is gone (08), the credentials
     * are refused (28), the call timed out (HYT00) or was cancelled (57014, HY008).
     */
    static boolean isFatal(SQLException e) {
        if (e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                || e instanceof SQLInvalidAuthorizationSpecException || e instanceof SQLTimeoutException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.startsWith("HYT")
                || state.equals("57014") || state.equals("HY008"));
    }

    /**
     * Whether a failure says an information_schema view does not exist (42P01 naming it), as opposed to a missing
     * catalog (42704) or anything else, which may change while the connection is open.
     */
    static boolean isMissingView(SQLException e) {
        String message = e.getMessage();
        return "42P01".equals(e.getSQLState()) && message != null
                && message.toLowerCase(Locale.ROOT).contains("information_schema");
    }

    /** {@code value}, or {@code fallback} when the server left it NULL. */
    static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** {@code rs.getInt(column)}, or null for SQL NULL. */
    static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
