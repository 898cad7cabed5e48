package dev.sluice.bench;

import dev.sluice.jdbc.internal.arrow.accessor.ArrowBuffer;
import dev.sluice.jdbc.internal.arrow.accessor.Utf8Accessor;
import dev.sluice.jdbc.internal.types.SqlKind;
import dev.sluice.jdbc.internal.types.SqlType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The cost of {@code getString} on a text column, per row, against its baseline in the same JVM: the JDK's UTF-8
 * {@code String} constructor over the same bytes, which is what the driver did for every row before. One batch of
 * 32 768 benchmark names (8 to 23 characters, one in 16 ending in a two-byte character), and the same batch with
 * only ASCII names. Each pass builds a fresh accessor, as each record batch does.
 *
 * <p>{@code java -cp "benchmarks/target/sluice-benchmarks.jar:$(cat benchmarks/target/classpath/sluice.txt)"
 * dev.sluice.bench.StringReadBench [rounds]}
 */
public final class StringReadBench {
    private static final int ROWS = 32_768;
    private static final int PASSES = 50;

    private StringReadBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.printf(Locale.ROOT, "java %s, %d rows a batch, %d passes a round, median of the last %d rounds%n",
                System.getProperty("java.version"), ROWS, PASSES, rounds - rounds / 3);
        for (boolean ascii : new boolean[] {false, true}) {
            byte[][] batch = batch(ascii);
            double[] jdk = new double[rounds];
            double[] driver = new double[rounds];
            long sink = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int p = 0; p < PASSES; p++) {
                    sink += utf8Constructor(batch[0], batch[1]);
                }
                long t1 = System.nanoTime();
                for (int p = 0; p < PASSES; p++) {
                    sink += accessor(batch[0], batch[1]);
                }
                long t2 = System.nanoTime();
                jdk[r] = (t1 - t0) / (double) PASSES / ROWS;
                driver[r] = (t2 - t1) / (double) PASSES / ROWS;
            }
            double j = median(Arrays.copyOfRange(jdk, rounds / 3, rounds));
            double d = median(Arrays.copyOfRange(driver, rounds / 3, rounds));
            System.out.printf(Locale.ROOT, "%-32s UTF-8 constructor %5.1f ns/row   Utf8Accessor.getString %5.1f ns/row"
                    + "   ratio %.2f   (checksum %d)%n", ascii ? "ASCII names" : "benchmark names (1 in 16 not ASCII)",
                    j, d, d / j, sink);
        }
    }

    /** {offsets (little-endian ints), data}. */
    private static byte[][] batch(boolean ascii) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer offsets = ByteBuffer.allocate((ROWS + 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = new byte[BenchRows.MAX_NAME_BYTES];
        for (int i = 0; i < ROWS; i++) {
            offsets.putInt(data.size());
            int n = BenchRows.name(i, name);
            if (ascii && n >= 2 && name[n - 2] == (byte) 0xC3) {
                name[n - 2] = 'e';
                n--;
            }
            data.write(name, 0, n);
        }
        offsets.putInt(data.size());
        return new byte[][] {offsets.array(), data.toByteArray()};
    }

    private static long utf8Constructor(byte[] offsets, byte[] data) {
        ByteBuffer o = ByteBuffer.wrap(offsets).order(ByteOrder.LITTLE_ENDIAN);
        long h = 0;
        for (int i = 0; i < ROWS; i++) {
            int start = o.getInt(i << 2);
            String s = new String(data, start, o.getInt((i + 1) << 2) - start, StandardCharsets.UTF_8);
            h += s.length() + s.charAt(s.length() - 1);
        }
        return h;
    }

    private static long accessor(byte[] offsets, byte[] data) {
        Utf8Accessor a = new Utf8Accessor(null, new ArrowBuffer(offsets, 0, offsets.length),
                new ArrowBuffer(data, 0, data.length), ROWS, SqlType.of(SqlKind.STRING, "STRING"));
        long h = 0;
        for (int i = 0; i < ROWS; i++) {
            String s = a.getString(i);
            h += s.length() + s.charAt(s.length() - 1);
        }
        return h;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
