package dev.sluice.jdbc.internal.client;

import java.io.IOException;

/** A result chunk could not be fetched; the message names the chunk and statement, never a URL. */
public final class ChunkFetchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int chunkIndex;

    /**
     * @param chunkIndex the chunk
     * @param statementId the statement
     * @param cause the failure (its message is already free of URLs)
     */
    public ChunkFetchException(int chunkIndex, String statementId, Throwable cause) {
        super("cannot fetch result chunk " + chunkIndex + " of statement " + statementId + ": "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        this.chunkIndex = chunkIndex;
    }

    /** The chunk that failed. */
    public int chunkIndex() {
        return chunkIndex;
    }
}
