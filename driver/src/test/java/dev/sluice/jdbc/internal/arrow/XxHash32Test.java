package dev.sluice.jdbc.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

class XxHash32Test {
    private static final XXHash32 REFERENCE = XXHashFactory.safeInstance().hash32();

    @Test
    void agreesWithLz4JavaForEveryLengthOffsetAndSeed() {
        Random random = new Random(7);
        byte[] data = new byte[300];
        random.nextBytes(data);
        for (int off = 0; off < 5; off++) {
            for (int len = 0; len + off <= data.length; len++) {
                for (int seed : new int[] {0, 1, 0x9E3779B1}) {
                    assertThat(XxHash32.hash(data, off, len, seed)).as("off %d len %d seed %d", off, len, seed)
                            .isEqualTo(REFERENCE.hash(data, off, len, seed));
                }
            }
        }
    }

    @Test
    void knownValueOfTheEmptyInput() {
        assertThat(XxHash32.hash(new byte[0], 0, 0, 0)).isEqualTo(0x02CC5D05);
    }
}
