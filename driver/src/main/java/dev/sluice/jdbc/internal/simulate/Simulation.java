package dev.sluice.jdbc.internal.simulate;

import dev.sluice.jdbc.internal.client.TransportSeam;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.simulate.MockWorkspace;

import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/** The {@code Simulation} property: which seam, if any, a connection's transport gets. */
public enum Simulation {
    OFF, RECORD, REPLAY, DRY_RUN, MOCK;

    /** @throws SQLException 22023 naming the property and the value when it is none of the modes */
    public static Simulation of(ConnectionConfig config) throws SQLException {
        String value = ConnectionProperty.SIMULATION.get(config);
        String mode = value == null ? "off" : value.strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "", "off" -> OFF;
            case "record" -> RECORD;
            case "replay" -> REPLAY;
            case "dry-run", "dryrun", "dry_run" -> DRY_RUN;
            case "mock" -> MOCK;
            default -> throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + value
                    + "' for connection property Simulation: use off, record, replay, dry-run or mock");
        };
    }

    /**
     * The seam of a new connection, or null when simulation is off.
     *
     * @param workspace the workspace's {@code scheme://host:port}
     * @throws SQLException 22023 when SimulationDir is missing or not a path, or SimulationMock names no mock; 58030 when the recording cannot be
     *     read or its directory made
     */
    public TransportSeam seam(ConnectionConfig config, URI workspace) throws SQLException {
        if (this == OFF) {
            return null;
        }
        if (this == DRY_RUN) {
            return new DryRun();
        }
        if (this == MOCK) {
            String name = ConnectionProperty.SIMULATION_MOCK.get(config);
            MockWorkspace mock = MockWorkspace.find(name == null ? null : name.strip());
            if (mock == null) {
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "connection property SimulationMock names no mock"
                        + " workspace: '" + name + "'; make it first with MockWorkspace.named(name)");
            }
            return new Mock(mock);
        }
        String dirValue = ConnectionProperty.SIMULATION_DIR.get(config);
        if (dirValue == null || dirValue.isBlank()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "connection property SimulationDir is required with"
                    + " Simulation=" + name().toLowerCase(Locale.ROOT));
        }
        Path dir;
        try {
            dir = Path.of(dirValue.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + dirValue
                    + "' for connection property SimulationDir: " + e.getReason(), e);
        }
        try {
            return this == RECORD ? Recording.seam(dir) : Replay.seam(dir, workspace);
        } catch (IOException e) {
            throw Errors.of(SqlState.IO_ERROR, "cannot " + (this == RECORD ? "record into " : "replay ")
                    + dir + ": " + e.getMessage(), e);
        }
    }
}
