package dev.sluice.dao.delta;

import java.util.List;
import java.util.OptionalLong;

/**
 * What VACUUM did: with a dry run, the files it would delete (as the server lists them); otherwise the number of
 * files deleted when the table's history recorded it ({@code VACUUM END}, {@code numDeletedFiles}).
 */
public record VacuumResult(boolean dryRun, List<String> filesToDelete, OptionalLong filesDeleted) {
}
