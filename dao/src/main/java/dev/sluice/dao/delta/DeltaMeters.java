package dev.sluice.dao.delta;

/**
 * The DAO's metrics. Label values are the table's name and the operation (a fixed set: read, write, merge, optimize,
 * vacuum, restore, history). Implementations are thread-safe and never throw.
 */
interface DeltaMeters {
    /** One operation ended, successfully or not. */
    void operation(String table, String operation);

    /** Rows the operation read or wrote. */
    void rows(String table, String operation, long rows);

    /** Bytes the operation reported (files rewritten, deleted or restored). */
    void bytes(String table, String operation, long bytes);

    /** Adds one to the counter {@code name} with these tags (key, value, key, value, ...). */
    void count(String name, String description, String... tags);

    /** Records a duration in the timer {@code name} with these tags (Prometheus: {@code <name>_seconds}). */
    void time(String name, String description, java.time.Duration duration, String... tags);

    /** Records nothing: Micrometer is absent. */
    DeltaMeters NONE = new DeltaMeters() {
        @Override
        public void operation(String table, String operation) {
        }

        @Override
        public void rows(String table, String operation, long rows) {
        }

        @Override
        public void bytes(String table, String operation, long bytes) {
        }

        @Override
        public void count(String name, String description, String... tags) {
        }

        @Override
        public void time(String name, String description, java.time.Duration duration, String... tags) {
        }

        @Override
        public String toString() {
            return "DeltaMeters.NONE";
        }
    };
}
