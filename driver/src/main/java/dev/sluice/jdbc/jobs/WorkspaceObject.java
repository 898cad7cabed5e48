package dev.sluice.jdbc.jobs;

/**
 * An object of the workspace tree ({@code workspace/get-status}, {@code workspace/list}).
 *
 * @param objectType NOTEBOOK, DIRECTORY, LIBRARY, FILE, REPO or DASHBOARD
 * @param language PYTHON, SQL, SCALA or R for a notebook, null otherwise
 */
public record WorkspaceObject(String path, String objectType, String language, long objectId) {
}
