package dev.sluice.bench.probe;

/**
 * One checksum for every reader of the benchmark rows: the harness computes it while generating the data,
 * each child while reading, and equal sums mean equal results. It touches every value (the string's length
 * and last character, so the string has to be decoded) and is a plain sum, so chunk order does not matter.
 */
public final class Checksum {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Checksum() {
    }

    /** Adds one row; a null string counts as a constant, as a reader that calls getString sees it. */
    public static long add(long acc, long id, String name, double amount) {
        long h = id * GOLDEN + Double.doubleToRawLongBits(amount);
        if (name == null) {
            h += 7;
        } else if (!name.isEmpty()) {
            h += name.length() * 31L + name.charAt(name.length() - 1);
        }
        return acc + h;
    }
}
