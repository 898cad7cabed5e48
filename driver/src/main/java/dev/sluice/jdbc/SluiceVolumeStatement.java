package dev.sluice.jdbc;

import java.io.InputStream;
import java.sql.SQLException;

/**
 * Stream-based volume commands for applications: {@code statement.unwrap(SluiceVolumeStatement.class)}. With a
 * stream set, the next {@code PUT '<file>' INTO '/Volumes/...'} uploads the stream instead of the file, and the
 * next {@code GET '/Volumes/...' TO '<file>'} keeps the download as a stream instead of writing the file; the local
 * file named in the statement is then neither read nor written, so {@code VolumeOperationAllowedLocalPaths} does
 * not apply. Each setting is used by one statement and then cleared.
 *
 * <p>For files, the {@link dev.sluice.jdbc.files.FilesClient} of {@link SluiceWorkspace#files()} does the same
 * without SQL.
 */
public interface SluiceVolumeStatement {
    /**
     * The stream the next PUT uploads, sent once and never repeated (a stream read once cannot be read again); it
     * is read to its end and not closed.
     *
     * @param length the bytes it holds, or -1 when unknown
     */
    void setVolumeUploadStream(InputStream stream, long length) throws SQLException;

    /** Makes the next GET keep its download as a stream ({@link #getVolumeDownloadStream()}). */
    void setVolumeDownloadToStream(boolean enabled) throws SQLException;

    /**
     * The download of the last GET run after {@code setVolumeDownloadToStream(true)}, once; the caller reads and
     * closes it.
     *
     * @throws SQLException 24000 when there is none
     */
    InputStream getVolumeDownloadStream() throws SQLException;
}
