package dev.sluice.warehouse.jobs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * System.out and System.err, routed per thread: while a JAR task runs, what its thread (and the threads it
 * starts) print is kept as the task run's logs; every other thread prints to the process's own streams.
 */
final class ThreadOutput extends OutputStream {

    /** Logs kept per task run at most; the rest is dropped and the output says it was truncated. */
    static final int MAX_LOG_BYTES = 1 << 20;

    private static final InheritableThreadLocal<ByteArrayOutputStream> CAPTURE = new InheritableThreadLocal<>();
    private static boolean installed;

    private final PrintStream fallback;

    private ThreadOutput(PrintStream fallback) {
        this.fallback = fallback;
    }

    static synchronized void install() {
        if (!installed) {
            System.setOut(new PrintStream(new ThreadOutput(System.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ThreadOutput(System.err), true, StandardCharsets.UTF_8));
            installed = true;
        }
    }

    /** Starts keeping this thread's output. */
    static void begin() {
        CAPTURE.set(new ByteArrayOutputStream());
    }

    /** Stops keeping this thread's output and returns it. */
    static String end() {
        ByteArrayOutputStream b = CAPTURE.get();
        CAPTURE.remove();
        return b == null ? "" : b.toString(StandardCharsets.UTF_8);
    }

    static boolean truncated(String logs) {
        return logs.getBytes(StandardCharsets.UTF_8).length >= MAX_LOG_BYTES;
    }

    @Override
    public void write(int b) {
        ByteArrayOutputStream c = CAPTURE.get();
        if (c == null) {
            fallback.write(b);
        } else if (c.size() < MAX_LOG_BYTES) {
            c.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ByteArrayOutputStream c = CAPTURE.get();
        if (c == null) {
            fallback.write(b, off, len);
        } else {
            synchronized (c) {
                c.write(b, off, Math.min(len, Math.max(0, MAX_LOG_BYTES - c.size())));
            }
        }
    }

    @Override
    public void flush() {
        if (CAPTURE.get() == null) {
            fallback.flush();
        }
    }
}
