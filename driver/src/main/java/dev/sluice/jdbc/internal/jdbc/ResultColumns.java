package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.types.ColumnType;
import dev.sluice.jdbc.internal.types.TypeTable;
import java.util.List;

/** The columns of one result: manifest entries and their JDBC descriptions, resolved once. */
final class ResultColumns {
    private final List<ColumnInfo> infos;
    private final ColumnType[] types;
    private final boolean complexTypesAsObjects;

    ResultColumns(List<ColumnInfo> infos, int defaultStringLength, boolean complexTypesAsObjects) {
        this.infos = List.copyOf(infos);
        this.complexTypesAsObjects = complexTypesAsObjects;
        this.types = new ColumnType[infos.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = TypeTable.describe(infos.get(i), defaultStringLength);
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

    /** The class getObject returns: complex types are JSON text unless typed complex values are on. */
    String className(int index) {
        ColumnType t = types[index];
        if (!complexTypesAsObjects && isComplex(infos.get(index).typeName())) {
            return String.class.getName();
        }
        return t.className();
    }

    private static boolean isComplex(String typeName) {
        return "ARRAY".equals(typeName) || "MAP".equals(typeName) || "STRUCT".equals(typeName);
    }

    List<ColumnInfo> infos() {
        return infos;
    }
}
