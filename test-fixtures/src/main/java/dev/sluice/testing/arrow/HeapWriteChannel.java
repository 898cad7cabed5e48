package dev.sluice.testing.arrow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.ipc.WriteChannel;

/**
 * An Arrow {@link WriteChannel} that copies buffers through heap arrays. The stock channel wraps each
 * ArrowBuf in a direct ByteBuffer, which needs {@code --add-opens java.base/java.nio} on JDK 17+; this one
 * needs no flags. Collects the bytes in memory.
 */
public final class HeapWriteChannel extends WriteChannel {
    private final ByteArrayOutputStream bytes;

    public HeapWriteChannel() {
        this(new ByteArrayOutputStream());
    }

    private HeapWriteChannel(ByteArrayOutputStream bytes) {
        super(Channels.newChannel(bytes));
        this.bytes = bytes;
    }

    @Override
    public void write(ArrowBuf buffer) throws IOException {
        long length = buffer.readableBytes();
        byte[] copy = new byte[Math.toIntExact(length)];
        buffer.getBytes(buffer.readerIndex(), copy);
        write(copy);
    }

    /** Everything written so far. */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
