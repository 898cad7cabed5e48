package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.arrow.SyntheticChunks;
import dev.sluice.testing.sea.Chunk;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.StatementScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunks of Databricks' usual size (~16 MiB) stream through a JVM whose whole heap is 64 MiB, with nothing but the
 * URL: the reader's chunk, the next one's copy and the read-ahead's bookkeeping must fit beside each other, so an
 * array held a chunk longer than needed runs it out of heap (recycled chunk arrays once did). With LZ4 the framed
 * download and its decompressed copy are live at once too (the reader once still held the previous chunk's last batch
 * while the next was decompressed, and ran out of heap at the first chunk boundary).
 */
class SmallHeapTest {
    private static final int CHUNKS = 6;
    private static final int ROWS_PER_CHUNK = 560_000;

    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();

    @ParameterizedTest(name = "LZ4 {0}")
    @ValueSource(ints = {0, 1})
    void chunksOfSixteenMebibytesStreamThroughA64MebibyteHeap(int lz4) throws IOException, InterruptedException {
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            chunks.add(Chunk.of(ROWS_PER_CHUNK,
                    SyntheticChunks.chunk((long) i * ROWS_PER_CHUNK, ROWS_PER_CHUNK, 32_768)));
        }
        assertThat(chunks.get(0).payload().length).as("a chunk of Databricks' usual size")
                .isGreaterThan(15 << 20);
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(Column.list("id BIGINT", "name STRING", "value DOUBLE"), chunks)));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SmallHeapTest.class.getName(), server.jdbcUrl("wh1") + ";EnableQueryResultLZ4Compression=" + lz4)
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("rows=" + (long) CHUNKS * ROWS_PER_CHUNK + " wrong=0");
        assertThat(server.statementRequests()).singleElement()
                .satisfies(r -> assertThat("LZ4_FRAME".equals(r.resultCompression())).as("asked for LZ4")
                        .isEqualTo(lz4 == 1));
    }

    /** The child: reads every row and checks every value. */
    public static void main(String[] args) throws SQLException {
        long n = 0;
        long wrong = 0;
        try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT big")) {
            while (rs.next()) {
                if (rs.getLong(1) != SyntheticChunks.id(n) || !rs.getString(2).equals(SyntheticChunks.name(n))
                        || rs.getDouble(3) != SyntheticChunks.value(n)) {
                    wrong++;
                }
                n++;
            }
        }
        System.out.println("rows=" + n + " wrong=" + wrong);
    }
}
