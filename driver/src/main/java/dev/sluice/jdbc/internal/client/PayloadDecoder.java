package dev.sluice.jdbc.internal.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Unwraps an LZ4-framed chunk on the fetch thread, so that decompression of later chunks overlaps with
 * the reader's work on earlier ones. The client layer does not know the codec; the caller supplies it.
 */
@FunctionalInterface
public interface PayloadDecoder {
    /**
     * @param framed the chunk as received
     * @return the decompressed bytes: an array-backed buffer whose content runs from 0 to its limit (the array
     *     may be longer, which spares a copy)
     * @throws IOException when the bytes are not valid framed data
     */
    ByteBuffer decode(byte[] framed) throws IOException;
}
