package dev.sluice.jdbc.internal.client;

import java.io.IOException;

/**
 * Unwraps an LZ4-framed chunk on the fetch thread, so that decompression of later chunks overlaps with
 * the reader's work on earlier ones. The client layer does not know the codec; the caller supplies it.
 */
@FunctionalInterface
public interface PayloadDecoder {
    /**
     * @param framed the chunk as received
     * @return the decompressed bytes, exactly as long as the content
     * @throws IOException when the bytes are not valid framed data
     */
    byte[] decode(byte[] framed) throws IOException;
}
