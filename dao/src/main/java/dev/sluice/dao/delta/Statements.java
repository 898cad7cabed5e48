package dev.sluice.dao.delta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs rendered SQL on a connection; every failure leaves as the Delta taxonomy's type when it is one. */
final class Statements {

    private Statements() {
    }

    static long update(Connection c, Sql sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw DeltaErrors.translate(e);
        }
    }

    static <T> List<T> query(Connection c, Sql sql, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw DeltaErrors.translate(e);
        }
    }

    /**
     * Runs a statement whose output is a row set (MERGE, OPTIMIZE, RESTORE, VACUUM) with {@code execute}; empty when
     * the driver hands back no result set. The official driver returns rows only for statements it recognises as
     * queries (or that its NonRowcountQueryPrefixes names), so callers fall back on the table's history.
     */
    static <T> java.util.Optional<List<T>> output(Connection c, Sql sql, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            if (!ps.execute()) {
                return java.util.Optional.empty();
            }
            try (ResultSet rs = ps.getResultSet()) {
                if (rs == null) {
                    return java.util.Optional.empty();
                }
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return java.util.Optional.of(out);
            }
        } catch (SQLException e) {
            throw DeltaErrors.translate(e);
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        } catch (SQLException e) {
            throw DeltaErrors.translate(e);
        }
    }

    static long longColumn(ResultSet rs, String name) throws SQLException {
        long v = rs.getLong(name);
        return rs.wasNull() ? 0 : v;
    }
}
