package dev.sluice.jdbc.internal.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors that reach the application: counted in {@code databricks_errors_total} and logged by the rules of
 * OBSERVABILITY.md. ERROR for authentication failures (SQLSTATE class 28) and for statements that failed or whose
 * result could not be read; DEBUG for the rest (a cancel or an interrupt the application asked for, 57014 and
 * HY008, started or not; an unreachable server while connecting, which pools retry and report themselves).
 *
 * <p>A failed statement's log line names its id, SQLSTATE and error class, never the server's message: messages
 * may quote data (a value that failed to cast), and the application has them in the exception. Authentication
 * failures keep the message, which the driver builds without secrets and which says what to fix.
 */
public final class Failures {
    /** Opening a connection. */
    public static final String CONNECT = "connect";
    /** Running a statement, submit to terminal state. */
    public static final String EXECUTE = "execute";
    /** Reading a statement's result. */
    public static final String FETCH = "fetch";

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
    /** How many {@link #handledHere()} scopes are open on this thread. */
    private static final ThreadLocal<int[]> HANDLED = ThreadLocal.withInitial(() -> new int[1]);

    private Failures() {
    }

    /** A stretch of code whose failures the driver handles itself; see {@link #handledHere()}. */
    public interface Handled extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Marks failures on this thread, until the scope closes, as handled by the driver (a metadata fallback, a
     * catalog skipped, an isValid probe answering false): they never reach the application, so they are logged at
     * DEBUG and not counted as errors. The statements still count in {@code databricks_sql_queries_total}.
     * Authentication (28), connection (08) and timeout (HYT) failures are reported as usual: those are rethrown.
     */
    public static Handled handledHere() {
        int[] depth = HANDLED.get();
        depth[0]++;
        return () -> depth[0]--;
    }

    /**
     * @param operation {@link #CONNECT}, {@link #EXECUTE} or {@link #FETCH}
     * @param sqlState the SQLSTATE the application sees
     * @param statementId the statement's id, or null
     * @param errorClass the server's error class, or null
     * @param message the exception's message, logged for authentication failures only; may be null
     */
    public static void report(String operation, String sqlState, String statementId, String errorClass,
                              String message) {
        String state = normalize(sqlState);
        // authentication, connection and timeout failures are rethrown even where the driver has a fallback
        boolean fatal = state.startsWith("28") || state.startsWith("08") || state.startsWith("HYT");
        if (HANDLED.get()[0] > 0 && !fatal) {
            LOG.debug("{} ended with SQLSTATE {}, handled by the driver", operation, state);
            return;
        }
        Telemetry.meters().error(operation, state.substring(0, 2));
        if (state.startsWith("28")) {
            LOG.error("authentication failed ({}): SQLSTATE {}: {}", operation, state,
                    message == null ? "" : Payloads.redactText(message));
        } else if (CONNECT.equals(operation) || "57014".equals(state) || "HY008".equals(state)) {
            LOG.debug("{} ended with SQLSTATE {}", operation, state);
        } else {
            LOG.error("statement {} failed ({}): SQLSTATE {}{}", statementId == null ? "(not started)" : statementId,
                    operation, state, errorClass == null ? "" : " " + errorClass);
        }
    }

    static String normalize(String sqlState) {
        return sqlState == null || sqlState.length() != 5 ? "HY000" : sqlState;
    }
}
