package dev.sluice.jdbc.catalog;

import java.time.Instant;

/**
 * A volume as {@code GET volumes} reports it.
 *
 * @param fullName {@code catalog.schema.volume}; its files are under {@code /Volumes/catalog/schema/volume/}
 * @param volumeType MANAGED or EXTERNAL
 */
public record VolumeInfo(String name, String catalogName, String schemaName, String fullName, String volumeType,
                         String storageLocation, String comment, String owner, String volumeId, Instant createdAt,
                         Instant updatedAt) {
}
