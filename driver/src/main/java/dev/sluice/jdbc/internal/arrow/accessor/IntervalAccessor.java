package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Period;

/**
 * Base of the interval vectors. getString and getObject are the interval text of the official drivers
 * ({@code Y-M}, {@code D HH:MM:SS.nnnnnnnnn}); {@code getObject(i, Duration.class)} and
 * {@code getObject(i, Period.class)} give the java.time value where the interval has that shape.
 */
public abstract class IntervalAccessor extends ArrowAccessor {
    protected final byte[] data;
    protected final int offset;

    protected IntervalAccessor(ArrowBuffer validity, ArrowBuffer data, SqlType type) {
        super(validity, type);
        this.data = data.array();
        this.offset = data.offset();
    }

    /** The value as a Duration; 0A000-style failure for year-month intervals. */
    protected Duration duration(int row) throws SQLException {
        throw cannot("java.time.Duration");
    }

    /** The value as a Period; failure for day-time intervals. */
    protected Period period(int row) throws SQLException {
        throw cannot("java.time.Period");
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return getString(row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int row, Class<T> type) throws SQLException {
        if (type == Duration.class) {
            return (T) duration(row);
        }
        if (type == Period.class) {
            return (T) period(row);
        }
        return super.getObject(row, type);
    }

    private SQLException cannot(String target) {
        return Errors.of(SqlState.RESTRICTED_DATA_TYPE_VIOLATION,
                "cannot convert an " + sqlType().name() + " value to " + target);
    }
}
