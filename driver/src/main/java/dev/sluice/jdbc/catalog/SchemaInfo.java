package dev.sluice.jdbc.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A schema as {@code GET schemas} reports it.
 *
 * @param fullName {@code catalog.schema}
 * @param properties never null
 */
public record SchemaInfo(String name, String catalogName, String fullName, String comment, String owner,
                         Map<String, String> properties, String storageLocation, String schemaId,
                         Instant createdAt, Instant updatedAt) {
    public SchemaInfo {
        properties = Map.copyOf(properties);
    }
}
