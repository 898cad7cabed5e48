package dev.sluice.dao.delta;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code DESCRIBE DETAIL}, typed. */
public record TableDetail(String format, String id, String name, Optional<String> description, String location,
                          Optional<Instant> createdAt, Optional<Instant> lastModified, List<String> partitionColumns,
                          List<String> clusteringColumns, long numFiles, long sizeInBytes,
                          Map<String, String> properties, int minReaderVersion, int minWriterVersion,
                          List<String> tableFeatures) {
}
