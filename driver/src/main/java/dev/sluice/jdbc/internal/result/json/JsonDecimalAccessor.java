package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.Conversions;
import java.math.BigDecimal;
import java.sql.SQLException;

/** DECIMAL(p,s): BigDecimal at the column's scale; integer getters are range-checked casts. */
public final class JsonDecimalAccessor extends JsonAccessor {
    private final int scale;

    public JsonDecimalAccessor(JsonRows rows, int column, int scale) {
        super(rows, column);
        this.scale = scale;
    }

    @Override
    public BigDecimal getBigDecimal(int row) throws SQLException {
        return JsonScalars.decimal(text(row), scale);
    }

    @Override
    public boolean getBoolean(int row) throws SQLException {
        return getBigDecimal(row).signum() != 0;
    }

    @Override
    public double getDouble(int row) throws SQLException {
        return getBigDecimal(row).doubleValue();
    }

    @Override
    public String getString(int row) throws SQLException {
        return getBigDecimal(row).toPlainString();
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return getBigDecimal(row);
    }

    @Override
    public long getLong(int row) throws SQLException {
        return Conversions.toLong(getBigDecimal(row), Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }
}
