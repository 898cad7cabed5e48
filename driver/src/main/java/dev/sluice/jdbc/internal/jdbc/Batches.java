package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;

/** Runs batch entries one by one and reports a failure as JDBC asks: with the counts that succeeded. */
final class Batches {
    private Batches() {
    }

    /** One batch entry; returns its update count. */
    interface Entry {
        long run(int index) throws SQLException;
    }

    static long[] runInSequence(SluiceStatement owner, int size, Entry entry) throws SQLException {
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            try {
                counts[i] = entry.run(i);
            } catch (SQLException e) {
                throw failed(e, Arrays.copyOf(counts, i), i);
            }
        }
        return counts;
    }

    /** The exception for a batch that stopped at {@code index}, keeping the cause's SQLSTATE. */
    static BatchUpdateException failed(SQLException cause, long[] doneCounts, int index) {
        String state = cause.getSQLState() == null ? SqlState.GENERAL_ERROR.code() : cause.getSQLState();
        return new BatchUpdateException("batch entry " + index + " failed: " + cause.getMessage(), state,
                cause.getErrorCode(), doneCounts, cause);
    }
}
