package dev.sluice.dao.delta;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.files.FilesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** The staging area of bulk loads: the Files API of a Sluice connection's workspace. */
final class FilesStage implements BulkLoader.Stage {

    private final FilesClient files;

    private FilesStage(FilesClient files) {
        this.files = files;
    }

    /** The Files client behind a Sluice connection (also through a pool that unwraps). */
    static FilesStage of(Connection c) throws SQLException {
        if (!c.isWrapperFor(SluiceWorkspace.class)) {
            throw new SQLFeatureNotSupportedException("a bulk load stages files through the Files API of a Sluice"
                    + " connection; this connection (" + c.getClass().getName() + ") has none", "0A000");
        }
        return new FilesStage(c.unwrap(SluiceWorkspace.class).files());
    }

    @Override
    public void upload(String path, Path file) throws IOException {
        // overwrite: a retried load stages the same names again, with the same bytes
        files.upload(path, file, true);
    }

    @Override
    public void delete(String path) throws IOException {
        try {
            files.delete(path);
        } catch (WorkspaceException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
        }
    }

    @Override
    public void deleteDirectory(String path) throws IOException {
        try {
            files.deleteDirectory(path);
        } catch (WorkspaceException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
        }
    }
}
