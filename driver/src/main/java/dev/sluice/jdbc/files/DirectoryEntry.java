package dev.sluice.jdbc.files;

import java.time.Instant;

/**
 * One entry of a directory listing.
 *
 * @param path the absolute path of the entry
 * @param name its last path segment
 * @param directory true for a directory
 * @param size the file size in bytes; 0 for a directory
 * @param lastModified the last modification of a file, or null (directories have none)
 */
public record DirectoryEntry(String path, String name, boolean directory, long size, Instant lastModified) {
}
