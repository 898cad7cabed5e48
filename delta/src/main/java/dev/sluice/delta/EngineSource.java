package dev.sluice.delta;

import io.delta.kernel.engine.Engine;

import java.sql.SQLException;

/** Where a table's reads and writes get their engine: a fixed one for paths, a renewing one for vended credentials. */
interface EngineSource {
    /** The engine to use for the next file or commit; renews vended credentials first when they are about to expire. */
    Engine engine() throws SQLException;

    /** How many times credentials were vended for this source (0 for a path). */
    default int vendings() {
        return 0;
    }

    static EngineSource fixed(Engine engine) {
        return () -> engine;
    }
}
