package dev.sluice.jdbc.internal.observe;

/** The time a span is the current one on this thread; close it on the thread that opened it. */
public interface TraceScope extends AutoCloseable {
    /** Makes the previous span current again. Never throws. */
    @Override
    void close();

    /** A scope that changes nothing. */
    TraceScope NONE = () -> { };
}
