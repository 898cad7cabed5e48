package dev.sluice.jdbc.internal.client;

/**
 * The connection could not be established (refused, unknown host, unreachable, connect timeout, TLS handshake
 * failure), so the request was never sent.
 */
public final class ConnectFailedException extends TransportException {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    /**
     * @param message what failed, free of credentials
     * @param cause the network stack's exception
     */
    public ConnectFailedException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message what failed, free of credentials
     * @param cause the network stack's exception, or null
     * @param permanent true when trying again cannot help (a refused certificate or TLS version, a proxy refusing
     *     the credentials), so that retries do not delay the error
     */
    public ConnectFailedException(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** True when trying again cannot help. */
    public boolean isPermanent() {
        return permanent;
    }

    /** Always false: no request byte was sent. */
    @Override
    public boolean mayHaveReachedServer() {
        return false;
    }
}
