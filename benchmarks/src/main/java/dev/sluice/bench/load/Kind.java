package dev.sluice.bench.load;

/** The statement kinds of the mixed workload. */
enum Kind {
    /** A one-row SELECT with a parameter: what an application's point queries cost. */
    SELECT,
    /** A read of {@code --big-rows} rows, large enough to be served as several external links. */
    BIG,
    /** An INSERT of one row with an id nobody else uses. */
    INSERT,
    /** A MERGE of one row with a key nobody else uses (always the insert branch). */
    MERGE
}
