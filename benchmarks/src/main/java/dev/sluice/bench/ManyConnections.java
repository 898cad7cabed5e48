package dev.sluice.bench;

import dev.sluice.bench.probe.Checksum;
import dev.sluice.bench.probe.HeapWatch;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Many connections at once (issue 12): N connections, each on its own thread, each streaming the same result from
 * the loopback {@link SeaServer}, against one connection alone in the same JVM. Prints the aggregate rows/s, the
 * threads the driver started per connection, the largest heap in use right after a GC, and the driver threads still
 * alive after every connection was closed.
 *
 * <p>Arguments: connections (default 200), rows per result (default 1000000), chunk MiB (default 1), extra
 * connection properties (default none, e.g. {@code ;ResultBufferBytes=4194304}). Class path: the harness jar plus
 * {@code target/classpath/sluice.txt}.
 */
public final class ManyConnections {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ManyConnections() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long rows = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 1_000_000;
        int chunkMiB = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String extra = args.length > 3 ? args[3] : "";
        BenchData data = BenchData.build(rows, (long) chunkMiB << 20, 32_768);
        System.out.printf(Locale.ROOT, "java %s on %d cores, max heap %d MiB; %,d rows in %d chunks per result%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, data.rows(), data.chunks().size());
        try (SeaServer server = SeaServer.start(data)) {
            String url = "jdbc:databricks://127.0.0.1:" + server.port() + "/default;ssl=0;AuthMech=3;UID=token;PWD=x"
                    + ";httpPath=/sql/1.0/warehouses/bench;EnableQueryResultLZ4Compression=0" + extra;
            round(url, 1, data);
            round(url, connections, data);
        }
    }

    private static void round(String url, int connections, BenchData data) throws Exception {
        Set<Long> before = driverThreadIds();
        int threadsBefore = THREADS.getThreadCount();
        System.gc();
        long heapBefore = MEMORY.getHeapMemoryUsage().getUsed();
        HeapWatch live = HeapWatch.start();
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            open.add(DriverManager.getConnection(url));
        }
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(connections);
        AtomicLong wrong = new AtomicLong();
        AtomicLong peakThreads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (Connection c : open) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    long acc = 0;
                    long n = 0;
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery(ChildRunner.SQL)) {
                        while (rs.next()) {
                            acc = Checksum.add(acc, rs.getLong(1), rs.getString(2), rs.getDouble(3));
                            n++;
                        }
                    }
                    if (n != data.rows() || acc != data.checksum()) {
                        wrong.incrementAndGet();
                    }
                } catch (Exception e) {
                    wrong.incrementAndGet();
                    System.out.println("reader failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "bench-reader");
            readers.add(t);
            t.start();
        }
        Thread watch = new Thread(() -> {
            while (done.getCount() > 0) {
                peakThreads.accumulateAndGet(THREADS.getThreadCount(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-watch");
        watch.setDaemon(true);
        watch.start();
        long t0 = System.nanoTime();
        start.countDown();
        done.await();
        long nanos = System.nanoTime() - t0;
        for (Thread t : readers) {
            t.join();
        }
        int openThreads = THREADS.getThreadCount();
        for (Connection c : open) {
            c.close();
        }
        // as an application drops closed connections: on Java 17 the JDK HTTP client's selector thread ends only
        // once its client is unreachable (it checks every few seconds), there is no shutdown before Java 21
        open.clear();
        readers.clear();
        long closedAt = System.nanoTime();
        Set<Long> left = driverThreadIds();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() - closedAt < 10_000_000_000L) {
            System.gc();
            Thread.sleep(200);
            left = driverThreadIds();
            left.removeAll(before);
        }
        double seconds = nanos / 1e9;
        long total = connections * data.rows();
        System.out.printf(Locale.ROOT, "%3d connections: %,d rows in %.2f s = %.2f M rows/s aggregate (%.3f M per"
                        + " connection); wrong or failed %d; threads before %d, at peak %d (%.1f per connection),"
                        + " after reading %d; peak heap after GC %d MiB (%.1f MiB per connection above the start);"
                        + " driver threads alive 10 s after close (connections dropped, GC run): %d %s%n",
                connections, total, seconds, total / seconds / 1e6, total / seconds / 1e6 / connections, wrong.get(),
                threadsBefore, peakThreads.get(), (peakThreads.get() - threadsBefore) / (double) connections,
                openThreads, live.peakLiveBytes() >> 20,
                ((live.peakLiveBytes() - heapBefore) >> 20) / (double) connections,
                left.size(), names(left));
    }

    /** Threads the driver or the JDK HTTP client started, by id. */
    private static Set<Long> driverThreadIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sluice-") || t.getName().startsWith("HttpClient-"))
                .map(Thread::getId).collect(Collectors.toSet());
    }

    private static String names(Set<Long> ids) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> ids.contains(t.getId()))
                .map(t -> t.getName().replaceAll("-\\d+", "-N")).distinct().sorted().limit(5)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
