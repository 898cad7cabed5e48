package dev.sluice.jdbc.internal.simulate;

import java.io.IOException;

/**
 * A replay was asked something the recording does not hold. Not a network failure: nothing retries it, and the
 * JDBC layer reports it at once.
 */
public final class UnrecordedRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    UnrecordedRequestException(String message) {
        super(message);
    }
}
