package dev.sluice.testing.arrow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.ipc.ReadChannel;

/**
 * An Arrow {@link ReadChannel} over a byte array that fills ArrowBufs through heap arrays, so arrow-java
 * can read IPC streams without {@code --add-opens} (the stock channel reads into a direct ByteBuffer view
 * of the ArrowBuf).
 */
public final class HeapReadChannel extends ReadChannel {
    public HeapReadChannel(byte[] bytes) {
        super(Channels.newChannel(new ByteArrayInputStream(bytes)));
    }

    @Override
    public long readFully(ArrowBuf buffer, long length) throws IOException {
        byte[] heap = new byte[Math.toIntExact(length)];
        int n = readFully(ByteBuffer.wrap(heap));
        buffer.setBytes(buffer.writerIndex(), heap, 0, n);
        buffer.writerIndex(buffer.writerIndex() + n);
        return n;
    }
}
