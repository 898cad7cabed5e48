package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.time.ZoneId;

/**
 * VARIANT sent as Spark's Arrow form, Struct{value: Binary, metadata: Binary}: getString and getObject
 * are the JSON text of the value (see {@link VariantJson}); inside enclosing JSON the text is embedded
 * as JSON, not quoted.
 */
public final class VariantAccessor extends ArrowAccessor {
    private final VarWidthAccessor value;
    private final VarWidthAccessor metadata;
    private final ZoneId zone;

    public VariantAccessor(ArrowBuffer validity, VarWidthAccessor value, VarWidthAccessor metadata, ZoneId zone,
                           SqlType type) {
        super(validity, type);
        this.value = value;
        this.metadata = metadata;
        this.zone = zone;
    }

    @Override
    public String getString(int row) throws SQLException {
        if (value.isNull(row)) {
            return "null";
        }
        return VariantJson.toJson(value.array(), value.valueStart(row), value.valueEnd(row),
                metadata.array(), metadata.valueStart(row), metadata.valueEnd(row), zone);
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return getString(row);
    }

    @Override
    public void appendJson(int row, StringBuilder out) throws SQLException {
        out.append(getString(row));
    }
}
