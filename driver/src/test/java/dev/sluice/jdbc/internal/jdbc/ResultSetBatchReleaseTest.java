package dev.sluice.jdbc.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.result.RowBatch;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The cursor lets go of a finished batch before it asks for the next one. An Arrow batch keeps its whole chunk's
 * array reachable, so a cursor that held it while the next chunk was read (or decompressed) needed room for two
 * chunks at once, which ran LZ4 results out of a 64 MiB heap.
 */
class ResultSetBatchReleaseTest {

    @Test
    void theFinishedBatchIsNoLongerTheCursorsWhileTheNextIsRead() throws SQLException {
        ResultColumns columns = new ResultColumns(List.of(new ColumnInfo("n", 0, "LONG", "BIGINT", -1, -1, null)),
                255, false);
        AtomicReference<SluiceResultSet> cursor = new AtomicReference<>();
        List<String> checks = new ArrayList<>();
        BatchSource source = new BatchSource() {
            private long served;

            @Override
            public RowBatch next() {
                if (served > 0) {
                    // the previous batch is no longer reachable from the cursor: no current row to read
                    assertThatThrownBy(() -> cursor.get().getLong(1)).isInstanceOf(SQLException.class)
                            .hasMessageContaining("call next()");
                    checks.add("batch " + served + " dropped");
                }
                served++;
                return served <= 2 ? new MemoryBatch(1, List.<Object[]>of(new Object[] {served})) : null;
            }

            @Override
            public void close() {
            }
        };
        try (SluiceResultSet rs = new SluiceResultSet(null, columns, source, 0, readToEnd -> { })) {
            cursor.set(rs);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
            assertThat(rs.next()).isFalse();
        }
        assertThat(checks).containsExactly("batch 1 dropped", "batch 2 dropped");
    }
}
