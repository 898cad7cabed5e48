package dev.sluice.dao.delta;

/** A write or schema change that the table's schema cannot take: an incompatible type, a narrowing, a rename or drop without column mapping, or a column the table lacks. */
public final class SchemaEvolutionConflict extends DeltaException {

    private static final long serialVersionUID = 1L;

    public SchemaEvolutionConflict(String message, String sqlState, int vendorCode, String errorClass, Throwable cause) {
        super(message, sqlState, vendorCode, errorClass, cause);
    }

    @Override
    public DeltaErrorKind kind() {
        return DeltaErrorKind.SCHEMA_EVOLUTION_CONFLICT;
    }
}
