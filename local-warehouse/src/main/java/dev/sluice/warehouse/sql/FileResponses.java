package dev.sluice.warehouse.sql;

import com.sun.net.httpserver.HttpExchange;
import dev.sluice.warehouse.http.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streams a chunk file, applying the fault switch's download shaping (slow, truncated). */
final class FileResponses {

    private FileResponses() {
    }

    static void send(HttpExchange ex, Path file, Faults.Shaping shaping) throws IOException {
        long size = Files.size(file);
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, size);
        long limit = shaping.truncateAfter() >= 0 ? Math.min(shaping.truncateAfter(), size) : size;
        byte[] buf = new byte[shaping.bytesPerSecond() > 0 ? (int) Math.max(1, Math.min(65536, shaping.bytesPerSecond() / 10)) : 65536];
        try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
            long sent = 0;
            while (sent < limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit - sent));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                sent += n;
                if (shaping.bytesPerSecond() > 0) {
                    out.flush();
                    sleep(n * 1000L / shaping.bytesPerSecond());
                }
            }
            if (sent < size) {
                // the response promised more bytes: ending here makes the client see a truncated body
                out.flush();
                throw new IOException("download truncated by the fault switch");
            }
        }
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
