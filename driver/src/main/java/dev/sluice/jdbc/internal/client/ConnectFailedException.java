package dev.sluice.jdbc.internal.client;

/**
 * The connection could not be established (refused, unknown host, unreachable, connect timeout, TLS handshake
 * failure), so the request was never sent.
 */
public final class ConnectFailedException extends TransportException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, free of credentials
     * @param cause the network stack's exception
     */
    public ConnectFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always false: no request byte was sent. */
    @Override
    public boolean mayHaveReachedServer() {
        return false;
    }
}
