package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;

/** {@code java.sql.Wrapper} for objects that wrap nothing: they unwrap to themselves and their interfaces. */
public final class Wrappers {
    private Wrappers() {
    }

    public static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface != null && iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "not a wrapper for "
                + (iface == null ? "null" : iface.getName()));
    }

    public static boolean isWrapperFor(Object self, Class<?> iface) {
        return iface != null && iface.isInstance(self);
    }
}
