package dev.sluice.jdbc.internal.client;

import java.io.IOException;

/**
 * A request failed without an HTTP response. Subclasses tell whether the request may have reached the server,
 * which decides whether a statement submission may be repeated.
 */
public abstract class TransportException extends IOException {
    private static final long serialVersionUID = 1L;

    TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * False only when the failure proves that no request byte reached the server (the connection or TLS
     * session could not be established).
     */
    public abstract boolean mayHaveReachedServer();
}
