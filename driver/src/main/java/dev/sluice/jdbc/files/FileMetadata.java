package dev.sluice.jdbc.files;

import java.time.Instant;

/**
 * What a {@code HEAD} on a file says about it.
 *
 * @param size the size in bytes
 * @param lastModified when the file was last written, or null when the server did not say
 * @param contentType the content type the server reports, or null
 */
public record FileMetadata(long size, Instant lastModified, String contentType) {
}
