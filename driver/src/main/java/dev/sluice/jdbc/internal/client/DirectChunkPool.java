package dev.sluice.jdbc.internal.client;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct buffers that external-link downloads are read into, so that chunks fetched ahead of the reader wait outside
 * the heap. The heap byte budget cannot hold two ~16 MiB chunks ahead in a 64 MiB heap (G1 gives each chunk array
 * whole regions of its own), while direct memory, which defaults to the heap's size, can.
 *
 * <p>The pool is bounded and never gives memory back: a buffer, once allocated, is lent and returned again and
 * again, because direct memory is only freed when the GC happens to find a dropped buffer. It allocates at most
 * {@link #capacity()} bytes in all; a buffer is a chunk's size rounded up to a MiB. When it cannot lend (all of it
 * lent, no idle buffer large enough, or an allocation refused because direct memory is short), the caller keeps the
 * chunk on the heap as before. One pool serves the JVM ({@link #jvm()}), created on first use.
 */
public final class DirectChunkPool {
    private static final Logger LOG = LoggerFactory.getLogger(DirectChunkPool.class);
    /** The most direct memory the JVM's pool allocates: four chunks of Databricks' usual ~16 MiB. */
    public static final long MAX_JVM_POOL_BYTES = 64L << 20;
    private static final int GRAIN = 1 << 20;
    private static volatile DirectChunkPool jvm;

    private final LongSupplier limit;
    private final IntFunction<ByteBuffer> allocator;
    // guarded by this
    private final List<ByteBuffer> idle = new ArrayList<>();
    private long allocated;
    private long lent;
    private boolean refused;
    /** Known from the first {@link #lend}: reading the JVM's limit is not worth its time before a download. */
    private long capacity = -1;

    /**
     * @param capacity the most bytes of buffers the pool allocates in all, asked for once, at the first {@link #lend}
     * @param allocator makes a direct buffer of the given size (may throw OutOfMemoryError when direct memory is
     *     short: the pool then allocates no more)
     */
    DirectChunkPool(LongSupplier capacity, IntFunction<ByteBuffer> allocator) {
        this.limit = capacity;
        this.allocator = allocator;
    }

    /**
     * The JVM's pool: at most {@link #MAX_JVM_POOL_BYTES} and at most half of the JVM's direct memory limit
     * ({@code -XX:MaxDirectMemorySize}, by default the maximum heap), leaving the rest to NIO and the application.
     */
    public static DirectChunkPool jvm() {
        DirectChunkPool pool = jvm;
        if (pool == null) {
            synchronized (DirectChunkPool.class) {
                pool = jvm;
                if (pool == null) {
                    pool = new DirectChunkPool(DirectChunkPool::jvmCapacity, ByteBuffer::allocateDirect);
                    jvm = pool;
                }
            }
        }
        return pool;
    }

    private static long jvmCapacity() {
        long limit = maxDirectMemory();
        long capacity = Math.min(MAX_JVM_POOL_BYTES, limit / 2);
        LOG.debug("direct chunk pool of up to {} bytes (direct memory limit {})", capacity, limit);
        return capacity;
    }

    /** The JVM's direct memory limit: {@code -XX:MaxDirectMemorySize} when set, else the maximum heap. */
    static long maxDirectMemory() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(hotSpot.getVMOption("MaxDirectMemorySize").getValue());
            if (set > 0) {
                return set;
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no jdk.management: the JDK's own default applies
            LOG.debug("direct memory limit unknown ({}); assuming the maximum heap", e.toString());
        }
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Lends a cleared buffer of at least {@code bytes}, or returns null when the pool cannot: the caller then uses
     * the heap. A lent buffer must come back through {@link #giveBack} exactly once.
     */
    public synchronized ByteBuffer lend(long bytes) {
        if (bytes <= 0 || bytes > capacity()) {
            return null;
        }
        ByteBuffer best = null;
        for (ByteBuffer b : idle) {
            if (b.capacity() >= bytes && (best == null || b.capacity() < best.capacity())) {
                best = b;
            }
        }
        if (best != null) {
            idle.remove(best);
            lent += best.capacity();
            return best.clear();
        }
        long size = (bytes + GRAIN - 1) / GRAIN * GRAIN;
        if (refused || allocated + size > capacity || size > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer made;
        try {
            made = allocator.apply((int) size);
        } catch (OutOfMemoryError e) {
            // direct memory is shorter than the limit said (other users, or a limit we could not read): stop
            // growing, keep what is allocated, and let chunks stay on the heap
            refused = true;
            LOG.debug("direct chunk pool stops at {} bytes: {}", allocated, e.toString());
            return null;
        }
        allocated += size;
        lent += size;
        return made;
    }

    /** Returns a buffer that {@link #lend} gave out; it is lent again later, never freed. */
    public synchronized void giveBack(ByteBuffer buffer) {
        if (buffer == null) {
            return;
        }
        for (ByteBuffer b : idle) {
            if (b == buffer) {
                throw new IllegalStateException("a direct chunk buffer was given back twice");
            }
        }
        lent -= buffer.capacity();
        idle.add(buffer.clear());
    }

    /**
     * Puts {@code body} into {@code target} from position 0 and flips it, when it fits there.
     *
     * @return false, leaving {@code target} as it was, when the body is larger than the buffer
     */
    static boolean fill(ByteBuffer target, byte[] body) {
        if (body.length > target.capacity()) {
            return false;
        }
        target.clear();
        target.put(body).flip();
        return true;
    }

    /** The most bytes of buffers this pool allocates. */
    public synchronized long capacity() {
        if (capacity < 0) {
            capacity = Math.max(0, limit.getAsLong());
        }
        return capacity;
    }

    /** Bytes of buffers allocated so far (lent or idle). */
    public synchronized long allocatedBytes() {
        return allocated;
    }

    /** Bytes of buffers lent out now. */
    public synchronized long lentBytes() {
        return lent;
    }

    /** Buffers waiting to be lent again. */
    public synchronized int idleBuffers() {
        return idle.size();
    }
}
