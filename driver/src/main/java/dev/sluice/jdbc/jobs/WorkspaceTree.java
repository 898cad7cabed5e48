package dev.sluice.jdbc.jobs;

import java.io.IOException;
import java.util.List;

/**
 * The Workspace API pieces a job needs ({@code /api/2.0/workspace/...}): upload the notebooks and files it runs,
 * look at them, remove them. Reached with {@code connection.unwrap(SluiceWorkspace.class).workspaceTree()};
 * failures as in {@link JobsClient}.
 */
public interface WorkspaceTree {
    /**
     * {@code POST workspace/import} of one object, its content sent base64 encoded.
     *
     * @param format SOURCE, AUTO, JUPYTER, HTML, DBC or RAW
     * @param language PYTHON, SQL, SCALA or R for a SOURCE notebook, null otherwise
     */
    void importObject(String path, byte[] content, String format, String language, boolean overwrite)
            throws IOException;

    /** {@code GET workspace/get-status}; a missing path is a {@link JobsException} RESOURCE_DOES_NOT_EXIST. */
    WorkspaceObject getStatus(String path) throws IOException;

    /** {@code GET workspace/list}: the objects directly under a directory. */
    List<WorkspaceObject> list(String path) throws IOException;

    /** {@code POST workspace/delete}; a non-empty directory needs {@code recursive}. */
    void delete(String path, boolean recursive) throws IOException;

    /** {@code POST workspace/mkdirs}, creating missing parents; an existing directory is fine. */
    void mkdirs(String path) throws IOException;
}
