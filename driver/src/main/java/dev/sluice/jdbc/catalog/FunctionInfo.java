package dev.sluice.jdbc.catalog;

import java.time.Instant;

/**
 * A function as {@code GET functions} reports it.
 *
 * @param dataType {@code full_data_type} (or {@code data_type} when that is all the server sent), e.g. {@code INT}
 * @param routineBody SQL or EXTERNAL
 * @param routineDefinition the body's text, null when not sent
 */
public record FunctionInfo(String name, String catalogName, String schemaName, String fullName, String dataType,
                           String routineBody, String routineDefinition, String comment, String owner,
                           String functionId, Instant createdAt, Instant updatedAt) {
}
