package dev.sluice.dao.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyDecompressor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our Snappy encoder against a reference decoder, over inputs that reach every element kind and block edge. */
class SnappyTest {

    private static byte[] roundTrip(byte[] input) {
        byte[] packed = new byte[Snappy.maxCompressedLength(input.length)];
        int n = new Snappy().compress(input, input.length, packed);
        assertThat(n).isLessThanOrEqualTo(Snappy.maxCompressedLength(input.length));
        byte[] out = new byte[input.length];
        int m = new SnappyDecompressor().decompress(packed, 0, n, out, 0, out.length);
        assertThat(m).isEqualTo(input.length);
        return out;
    }

    @Test
    void emptyTinyAndIncompressibleInputsRoundTrip() {
        assertThat(roundTrip(new byte[0])).isEmpty();
        byte[] small = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(roundTrip(small)).isEqualTo(small);
        byte[] random = new byte[300_000];
        new Random(1).nextBytes(random);
        assertThat(roundTrip(random)).isEqualTo(random);
    }

    @Test
    void longMatchesFarOffsetsAndBlockEdgesRoundTrip() {
        Random r = new Random(7);
        byte[] input = new byte[1_000_003];
        int i = 0;
        while (i < input.length) {
            int kind = r.nextInt(4);
            int len = Math.min(input.length - i, 1 + r.nextInt(kind == 0 ? 3000 : 70));
            if (kind == 0 || i < 5000) {
                for (int k = 0; k < len; k++) {
                    input[i + k] = (byte) r.nextInt(256); // literals, up to 3000 bytes
                }
            } else {
                int back = Math.min(i, kind == 1 ? 1 + r.nextInt(8) : kind == 2 ? 2048 + r.nextInt(60_000)
                        : 1 + r.nextInt(2047));
                for (int k = 0; k < len; k++) {
                    input[i + k] = input[i + k - back]; // copies, near and far, overlapping when short
                }
            }
            i += len;
        }
        assertThat(roundTrip(input)).isEqualTo(input);
        byte[] zeros = new byte[200_000];
        assertThat(roundTrip(zeros)).isEqualTo(zeros);
        byte[] text = "sluice ".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
        byte[] out = roundTrip(text);
        assertThat(Arrays.equals(out, text)).isTrue();
    }
}
