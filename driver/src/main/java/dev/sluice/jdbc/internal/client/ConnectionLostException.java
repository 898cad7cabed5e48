package dev.sluice.jdbc.internal.client;

/**
 * The connection broke after it was established (reset, closed without a response, truncated body), so the
 * request may have reached the server.
 */
public final class ConnectionLostException extends TransportException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, free of credentials
     * @param cause the network stack's exception
     */
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always true. */
    @Override
    public boolean mayHaveReachedServer() {
        return true;
    }
}
