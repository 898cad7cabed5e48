package dev.sluice.jdbc.internal.client;

/** The request was sent but no response arrived within the request timeout. */
public final class ResponseTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what timed out, free of credentials
     * @param cause the network stack's exception
     */
    public ResponseTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always true: the server may be processing the request. */
    @Override
    public boolean mayHaveReachedServer() {
        return true;
    }
}
