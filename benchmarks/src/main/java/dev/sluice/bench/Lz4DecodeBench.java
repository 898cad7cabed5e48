package dev.sluice.bench;

import dev.sluice.jdbc.internal.arrow.Lz4Frames;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The driver's LZ4 frame decoder against lz4-java on the harness's own chunks (the LZ4-framed Arrow IPC of
 * {@link BenchData}), in one JVM: MB/s of decompressed output and ratios, the first pass (cold JIT) and the median of
 * the later passes. Decoders timed:
 * <ul>
 * <li>{@code Lz4Frames.decompressToBuffer}: what the driver does per chunk (sizing walk, allocation, block decode,
 * checksums);</li>
 * <li>the driver's block decoder alone ({@code Lz4Block.decode}, package-private, reached by reflection) into a
 * reused output;</li>
 * <li>lz4-java's fastest pure-Java safe decompressor and its JNI one over the same blocks into a reused output.</li>
 * </ul>
 * XXH32 is timed separately over the decompressed bytes (what a content checksum covers): the driver's
 * {@code XxHash32.hash} against lz4-java's fastest pure-Java and JNI hashes.
 *
 * <p>It also prints, for the first chunk, how its sequences split into literal and match bytes and their lengths.
 *
 * <p>{@code java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "benchmarks/target/sluice-benchmarks.jar:$(cat benchmarks/target/classpath/sluice.txt)"
 * dev.sluice.bench.Lz4DecodeBench [--rows 2000000] [--passes 15]}
 */
public final class Lz4DecodeBench {
    private static final MethodHandle BLOCK_DECODE = driverMethod("Lz4Block", "decode", MethodType.methodType(
            int.class, byte[].class, int.class, int.class, byte[].class, int.class, int.class, int.class));
    private static final MethodHandle DRIVER_HASH = driverMethod("XxHash32", "hash", MethodType.methodType(
            int.class, byte[].class, int.class, int.class, int.class));

    private Lz4DecodeBench() {
    }

    /** One LZ4 block of a chunk: compressed at {@code src[off, off+len)}, decompressed to {@code outLen} bytes. */
    private record Block(int off, int len, int outOff, int outLen) {
    }

    /** A framed chunk, its blocks and its decompressed bytes. */
    private record Frame(byte[] lz4, byte[] arrow, List<Block> blocks, int flg) {
    }

    private interface Pass {
        long run(List<Frame> frames) throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        long rows = 2_000_000;
        int passes = 15;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[i + 1].replace("_", ""));
                case "--passes" -> passes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BenchData data = BenchData.build(rows, 15L << 20, 32_768);
        List<Frame> frames = new ArrayList<>();
        long outBytes = 0;
        int maxOut = 0;
        for (BenchData.Chunk c : data.chunks()) {
            Frame f = parse(c.lz4(), c.arrow());
            frames.add(f);
            outBytes += c.arrow().length;
            maxOut = Math.max(maxOut, c.arrow().length);
        }
        Frame first = frames.get(0);
        System.out.printf(Locale.ROOT, "java %s, %d rows, %d chunks, %.1f MB framed -> %.1f MB, %d blocks in chunk 0,"
                + " FLG 0x%02x (block checksums %s, content checksum %s, independent blocks %s)%n",
                System.getProperty("java.version"), rows, frames.size(), data.bytes(Compression.LZ4) / 1e6,
                outBytes / 1e6, first.blocks.size(), first.flg, (first.flg & 0x10) != 0, (first.flg & 0x04) != 0,
                (first.flg & 0x20) != 0);

        stats(first);
        byte[] out = new byte[maxOut + 64];
        LZ4SafeDecompressor javaLz4 = LZ4Factory.fastestJavaInstance().safeDecompressor();
        LZ4SafeDecompressor jniLz4 = LZ4Factory.nativeInstance().safeDecompressor();
        XXHash32 javaXx = XXHashFactory.fastestJavaInstance().hash32();
        XXHash32 jniXx = XXHashFactory.nativeInstance().hash32();
        System.out.printf(Locale.ROOT, "lz4-java: %s / %s, xxhash: %s / %s%n", LZ4Factory.fastestJavaInstance(),
                LZ4Factory.nativeInstance(), javaXx, jniXx);

        String[] names = {"driver Lz4Frames.decompressToBuffer", "driver Lz4Block.decode", "lz4-java pure Java safe",
            "lz4-java JNI safe", "driver XxHash32 (output bytes)", "lz4-java XXHash32 pure Java",
            "lz4-java XXHash32 JNI"};
        Pass[] runs = {
            fs -> {
                long sink = 0;
                for (Frame f : fs) {
                    Lz4Frames.Decompressed d = Lz4Frames.decompressToBuffer(f.lz4, 0, f.lz4.length);
                    sink += d.length() + d.buffer()[d.length() - 1];
                }
                return sink;
            },
            fs -> {
                long sink = 0;
                for (Frame f : fs) {
                    for (Block b : f.blocks) {
                        sink += (int) BLOCK_DECODE.invokeExact(f.lz4, b.off, b.len, out, b.outOff, b.outLen,
                                b.outOff);
                    }
                }
                return sink;
            },
            fs -> blocks(fs, javaLz4, out),
            fs -> blocks(fs, jniLz4, out),
            fs -> {
                long sink = 0;
                for (Frame f : fs) {
                    sink += (int) DRIVER_HASH.invokeExact(f.arrow, 0, f.arrow.length, 0);
                }
                return sink;
            },
            fs -> hashes(fs, javaXx),
            fs -> hashes(fs, jniXx),
        };
        // check that every decoder reproduces the chunk before timing it
        for (Frame f : frames) {
            Lz4Frames.Decompressed d = Lz4Frames.decompressToBuffer(f.lz4, 0, f.lz4.length);
            check(Arrays.equals(d.buffer(), 0, d.length(), f.arrow, 0, f.arrow.length), "Lz4Frames");
            for (LZ4SafeDecompressor dec : new LZ4SafeDecompressor[] {javaLz4, jniLz4}) {
                Arrays.fill(out, (byte) 0);
                blocks(List.of(f), dec, out);
                check(Arrays.equals(out, 0, f.arrow.length, f.arrow, 0, f.arrow.length), dec.toString());
            }
            check((int) DRIVER_HASH.invokeExact(f.arrow, 0, f.arrow.length, 0) == javaXx.hash(f.arrow, 0,
                    f.arrow.length, 0), "XxHash32");
        }

        double[][] mbps = new double[runs.length][passes];
        long sink = 0;
        for (int p = 0; p < passes; p++) {
            for (int r = 0; r < runs.length; r++) {
                long t0 = System.nanoTime();
                sink += runs[r].run(frames);
                long t1 = System.nanoTime();
                mbps[r][p] = outBytes / 1e6 / ((t1 - t0) / 1e9);
            }
        }
        double[] warm = new double[runs.length];
        for (int r = 0; r < runs.length; r++) {
            warm[r] = median(Arrays.copyOfRange(mbps[r], passes / 3, passes));
        }
        System.out.printf(Locale.ROOT, "MB/s of decompressed output: first pass, median of the last %d of %d passes,"
                + " ratio of the medians to lz4-java pure Java (decode: safe decompressor; hash: XXHash32)%n",
                passes - passes / 3, passes);
        for (int r = 0; r < runs.length; r++) {
            double baseline = r < 4 ? warm[2] : warm[5];
            System.out.printf(Locale.ROOT, "  %-38s first %7.0f   warm %7.0f   ratio %.2f%n", names[r], mbps[r][0],
                    warm[r], warm[r] / baseline);
        }
        System.out.printf(Locale.ROOT, "  driver Lz4Block.decode / lz4-java JNI %.2f; decode + hash estimate %.0f MB/s"
                + " (sink %d)%n", warm[1] / warm[3], 1 / (1 / warm[1] + 1 / warm[4]), sink);
    }

    /** What the decoder spends its sequences on in one chunk: literal and match lengths, short match offsets. */
    private static void stats(Frame f) {
        long sequences = 0;
        long literalBytes = 0;
        long matchBytes = 0;
        long[] literalHist = new long[6];
        long[] matchHist = new long[6];
        long[] offsetHist = new long[9];
        long shortOffsetBytes = 0;
        for (Block b : f.blocks) {
            byte[] src = f.lz4;
            int s = b.off;
            int end = b.off + b.len;
            while (true) {
                int token = src[s++] & 0xFF;
                int literals = token >>> 4;
                if (literals == 15) {
                    int x;
                    do {
                        x = src[s++] & 0xFF;
                        literals += x;
                    } while (x == 255);
                }
                s += literals;
                literalBytes += literals;
                literalHist[bucket(literals)]++;
                sequences++;
                if (s >= end) {
                    break;
                }
                int offset = (src[s] & 0xFF) | (src[s + 1] & 0xFF) << 8;
                s += 2;
                int length = token & 0x0F;
                if (length == 15) {
                    int x;
                    do {
                        x = src[s++] & 0xFF;
                        length += x;
                    } while (x == 255);
                }
                length += 4;
                matchBytes += length;
                matchHist[bucket(length)]++;
                offsetHist[Math.min(offset, 8)]++;
                if (offset < 8) {
                    shortOffsetBytes += length;
                }
            }
        }
        System.out.printf(Locale.ROOT, "chunk 0: %d sequences, %.1f bytes each; literal bytes %.1f%%, match bytes %.1f%%,"
                + " bytes of matches with offset < 8: %.1f%%%n", sequences,
                (literalBytes + matchBytes) / (double) sequences, 100.0 * literalBytes / (literalBytes + matchBytes),
                100.0 * matchBytes / (literalBytes + matchBytes),
                100.0 * shortOffsetBytes / (literalBytes + matchBytes));
        System.out.println("  lengths 0, 1-8, 9-16, 17-32, 33-64, >64: literals " + Arrays.toString(literalHist)
                + ", matches " + Arrays.toString(matchHist));
        System.out.println("  match offsets 1..7, >=8: " + Arrays.toString(Arrays.copyOfRange(offsetHist, 1, 9)));
    }

    private static int bucket(int length) {
        return length == 0 ? 0 : length <= 8 ? 1 : length <= 16 ? 2 : length <= 32 ? 3 : length <= 64 ? 4 : 5;
    }

    private static long blocks(List<Frame> frames, LZ4SafeDecompressor dec, byte[] out) {
        long sink = 0;
        for (Frame f : frames) {
            for (Block b : f.blocks) {
                sink += dec.decompress(f.lz4, b.off, b.len, out, b.outOff, b.outLen);
            }
        }
        return sink;
    }

    private static long hashes(List<Frame> frames, XXHash32 hash) {
        long sink = 0;
        for (Frame f : frames) {
            sink += hash.hash(f.arrow, 0, f.arrow.length, 0);
        }
        return sink;
    }

    /** Walks one LZ4 frame (as lz4-java writes it: one frame, compressed or stored blocks). */
    private static Frame parse(byte[] lz4, byte[] arrow) {
        check(int32(lz4, 0) == 0x184D2204, "LZ4 frame magic");
        int flg = lz4[4] & 0xFF;
        int blockMax = 1 << (8 + 2 * ((lz4[5] & 0xFF) >>> 4));
        int p = 4 + 2 + ((flg & 0x08) != 0 ? 8 : 0) + 1;
        List<Block> blocks = new ArrayList<>();
        int outOff = 0;
        while (true) {
            int header = int32(lz4, p);
            p += 4;
            if (header == 0) {
                break;
            }
            int size = header & 0x7FFFFFFF;
            check(header > 0, "stored blocks are not timed");
            int outLen = Math.min(blockMax, arrow.length - outOff);
            blocks.add(new Block(p, size, outOff, outLen));
            outOff += outLen;
            p += size + ((flg & 0x10) != 0 ? 4 : 0);
        }
        check(outOff == arrow.length, "block sizes");
        return new Frame(lz4, arrow, blocks, flg);
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("mismatch: " + what);
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static MethodHandle driverMethod(String className, String name, MethodType type) {
        try {
            Class<?> c = Class.forName("dev.sluice.jdbc.internal.arrow." + className);
            Method m = c.getDeclaredMethod(name, type.parameterArray());
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
