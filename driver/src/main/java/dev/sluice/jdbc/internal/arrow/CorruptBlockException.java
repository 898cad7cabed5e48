package dev.sluice.jdbc.internal.arrow;

/** An LZ4 block that cannot be decoded; {@link Lz4Frames} turns it into SQLException 22000. */
final class CorruptBlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorruptBlockException(String message) {
        super(message, null, false, false);
    }
}
