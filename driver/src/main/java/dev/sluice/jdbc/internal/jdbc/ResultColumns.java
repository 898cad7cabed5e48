package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.types.ColumnType;
import dev.sluice.jdbc.internal.types.TypeTable;
import java.util.List;

/** The columns of one result: manifest entries and their JDBC descriptions, resolved once. */
final class ResultColumns {
    private final List<ColumnInfo> infos;
    private final ColumnType[] types;

    /**
     * @param complexTypesAsObjects whether ARRAY/MAP/STRUCT come back as objects or JSON text, which
     *     decides the type and class the metadata reports for them
     */
    ResultColumns(List<ColumnInfo> infos, int defaultStringLength, boolean complexTypesAsObjects) {
        this.infos = List.copyOf(infos);
        this.types = new ColumnType[infos.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = TypeTable.describe(infos.get(i), defaultStringLength, complexTypesAsObjects);
        }
    }

    int count() {
        return types.length;
    }

    /** 0-based. */
    ColumnInfo info(int index) {
        return infos.get(index);
    }

    /** 0-based. */
    ColumnType type(int index) {
        return types[index];
    }

    List<ColumnInfo> infos() {
        return infos;
    }
}
