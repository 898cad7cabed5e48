package dev.sluice.warehouse.sql;

import dev.sluice.warehouse.catalog.UcNames;
import java.util.Locale;
import org.apache.spark.SparkThrowable;

/** A failed statement's error as Databricks reports it: error_code, message with SQLSTATE, sql_state. */
record SqlFailure(String errorCode, String message, String sqlState) {

    private static final int MAX_MESSAGE = 8_000;

    static SqlFailure of(Throwable t) {
        SparkThrowable st = sparkCause(t);
        if (st != null) {
            Throwable e = (Throwable) st;
            String state = st.getSqlState();
            String condition = st.getCondition();
            // AnalysisException.getMessage appends the logical plan; clients get the message alone
            String raw = e instanceof org.apache.spark.sql.AnalysisException ae ? ae.getSimpleMessage() : e.getMessage();
            String message = UcNames.humanize(String.valueOf(raw)).strip();
            if (condition != null && !message.startsWith("[")) {
                message = "[" + condition + "] " + message;
            }
            if (state != null && !message.contains("SQLSTATE")) {
                message = message + " SQLSTATE: " + state;
            }
            return new SqlFailure(code(state), trim(message), state);
        }
        String detail = t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + UcNames.humanize(t.getMessage());
        return new SqlFailure("INTERNAL_ERROR", trim("[INTERNAL_ERROR] " + detail + " SQLSTATE: XX000"), "XX000");
    }

    static SqlFailure canceled() {
        return new SqlFailure("CANCELLED", "The statement was canceled.", null);
    }

    private static SparkThrowable sparkCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SparkThrowable st && st.getCondition() != null) {
                return st;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String code(String sqlState) {
        if (sqlState == null) {
            return "BAD_REQUEST";
        }
        String cls = sqlState.toUpperCase(Locale.ROOT);
        if (cls.startsWith("XX") || cls.startsWith("58")) {
            return "INTERNAL_ERROR";
        }
        if (cls.startsWith("HY008")) {
            return "CANCELLED";
        }
        return "BAD_REQUEST";
    }

    private static String trim(String m) {
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + " ...";
    }
}
