package dev.sluice.dao.delta;

import java.util.Map;

/**
 * What {@link DeltaTable#evolve} may do beyond adding columns: enable type widening or column mapping when a
 * change needs it, apply renames (old column name to new) and drop columns the expected schema lacks.
 */
public record EvolveOptions(boolean enableTypeWidening, boolean enableColumnMapping, boolean dropColumns,
                            Map<String, String> renames) {

    public EvolveOptions {
        renames = Map.copyOf(renames);
    }

    /** Add columns and drop NOT NULL only; no table feature is enabled. */
    public static EvolveOptions defaults() {
        return new EvolveOptions(false, false, false, Map.of());
    }

    public EvolveOptions withTypeWidening() {
        return new EvolveOptions(true, enableColumnMapping, dropColumns, renames);
    }

    public EvolveOptions withColumnMapping() {
        return new EvolveOptions(enableTypeWidening, true, dropColumns, renames);
    }

    public EvolveOptions withDrops() {
        return new EvolveOptions(enableTypeWidening, enableColumnMapping, true, renames);
    }

    /** Top-level column renames, old name to new name. */
    public EvolveOptions withRenames(Map<String, String> oldToNew) {
        return new EvolveOptions(enableTypeWidening, enableColumnMapping, dropColumns, oldToNew);
    }
}
