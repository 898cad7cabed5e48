package dev.sluice.jdbc.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A catalog as {@code GET catalogs} reports it.
 *
 * @param catalogType MANAGED_CATALOG, DELTASHARING_CATALOG, FOREIGN_CATALOG, SYSTEM_CATALOG, ...; null when not sent
 * @param properties never null
 * @param createdAt null when the server sent none (as every time of these records)
 */
public record CatalogInfo(String name, String catalogType, String comment, String owner,
                          Map<String, String> properties, String storageRoot, Instant createdAt, String createdBy,
                          Instant updatedAt, String updatedBy) {
    public CatalogInfo {
        properties = Map.copyOf(properties);
    }
}
