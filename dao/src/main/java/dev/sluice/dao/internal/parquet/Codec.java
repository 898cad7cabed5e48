package dev.sluice.dao.internal.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Page compression. SNAPPY (the default, Parquet's usual codec) is our own pure-Java encoder; GZIP uses the JDK's
 * zlib. Neither adds a dependency to the driver's single jar.
 */
public enum Codec {
    UNCOMPRESSED(0), SNAPPY(1), GZIP(2);

    final int thriftId;

    Codec(int thriftId) {
        this.thriftId = thriftId;
    }

    /** The compressed page: a new array, or {@code page} itself when uncompressed. */
    byte[] compress(byte[] page, Snappy snappy) {
        switch (this) {
            case SNAPPY -> {
                byte[] out = new byte[Snappy.maxCompressedLength(page.length)];
                int n = snappy.compress(page, page.length, out);
                return Arrays.copyOf(out, n);
            }
            case GZIP -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(page.length / 3 + 64);
                try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 64 * 1024) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                }) {
                    gz.write(page);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return bytes.toByteArray();
            }
            default -> {
                return page;
            }
        }
    }
}
