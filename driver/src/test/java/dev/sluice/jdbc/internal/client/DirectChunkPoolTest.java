package dev.sluice.jdbc.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded pool of direct buffers that downloads are read into, and the JVM limit it sizes itself by. */
class DirectChunkPoolTest {

    @Test
    void lendsTheSmallestIdleBufferThatFitsAndNeverAllocatesBeyondItsCapacity() {
        DirectChunkPool pool = new DirectChunkPool(() -> 3L << 20, ByteBuffer::allocateDirect);
        ByteBuffer small = pool.lend(100);
        ByteBuffer large = pool.lend((1L << 20) + 1);
        assertThat(small.capacity()).isEqualTo(1 << 20);
        assertThat(large.capacity()).isEqualTo(2 << 20);
        // 3 MiB allocated: nothing more, however small
        assertThat(pool.lend(1)).isNull();
        assertThat(pool.lentBytes()).isEqualTo(3L << 20);

        large.put((byte) 7);
        pool.giveBack(large);
        pool.giveBack(small);
        assertThat(pool.lend(10)).isSameAs(small);
        ByteBuffer again = pool.lend(1 << 20);
        assertThat(again).isSameAs(large);
        assertThat(again.position()).as("lent cleared").isZero();
        assertThat(pool.allocatedBytes()).isEqualTo(3L << 20);
        assertThatThrownBy(() -> {
            pool.giveBack(again);
            pool.giveBack(again);
        }).isInstanceOf(IllegalStateException.class);
    }

    /** A JVM started with a small -XX:MaxDirectMemorySize prints its pool's capacity and what it lends. */
    public static void main(String[] args) {
        DirectChunkPool pool = DirectChunkPool.jvm();
        ByteBuffer one = pool.lend(1 << 20);
        ByteBuffer two = pool.lend(1 << 20);
        System.out.println("capacity=" + pool.capacity() + " first=" + (one != null) + " second=" + (two != null));
    }

    @Test
    void theJvmPoolTakesHalfOfASmallDirectMemoryLimit() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-XX:MaxDirectMemorySize=4m", "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), DirectChunkPoolTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        // 2 MiB of the 4: two 1 MiB chunks fit, and a third chunk would stay on the heap
        assertThat(out).contains("capacity=2097152 first=true second=true");
        assertThat(DirectChunkPool.maxDirectMemory()).isPositive();
    }
}
