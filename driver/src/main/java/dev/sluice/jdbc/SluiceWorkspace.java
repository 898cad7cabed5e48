package dev.sluice.jdbc;

import dev.sluice.jdbc.files.FilesClient;
import dev.sluice.jdbc.jobs.JobsClient;
import dev.sluice.jdbc.jobs.WorkspaceTree;

/**
 * The workspace behind a Sluice connection, for the REST services beside SQL:
 * {@code connection.unwrap(SluiceWorkspace.class)}. Its clients share the connection's host, credentials,
 * TLS and proxy settings, retry table, circuit breaker and telemetry, and stop working when the connection closes.
 */
public interface SluiceWorkspace {
    /** The workspace host name. */
    String host();

    /** The Jobs API client of this workspace. */
    JobsClient jobs();

    /** The Workspace API client (import, get-status, list, delete, mkdirs) of this workspace. */
    WorkspaceTree workspaceTree();

    /** The Files API client (volume files and directories, streamed) of this workspace. */
    FilesClient files();
}
