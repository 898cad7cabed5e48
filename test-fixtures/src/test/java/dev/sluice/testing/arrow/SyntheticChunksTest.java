package dev.sluice.testing.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

class SyntheticChunksTest {
    @Test
    void arrowJavaReadsTheDocumentedValues() {
        byte[] chunk = SyntheticChunks.chunk(99_990, 25, 10);
        List<Integer> batches = new ArrayList<>();
        long[] row = {99_990};
        ArrowChunks.readWithArrowJava(chunk, root -> {
            assertThat(root.getSchema().getFields()).isEqualTo(SyntheticChunks.FIELDS);
            BigIntVector id = (BigIntVector) root.getVector(0);
            VarCharVector name = (VarCharVector) root.getVector(1);
            Float8Vector value = (Float8Vector) root.getVector(2);
            for (int i = 0; i < root.getRowCount(); i++, row[0]++) {
                assertThat(id.get(i)).isEqualTo(SyntheticChunks.id(row[0]));
                assertThat(new String(name.get(i), StandardCharsets.UTF_8)).isEqualTo(SyntheticChunks.name(row[0]));
                assertThat(value.get(i)).isEqualTo(SyntheticChunks.value(row[0]));
            }
            batches.add(root.getRowCount());
        });
        assertThat(batches).containsExactly(10, 10, 5);
        assertThat(row[0]).isEqualTo(100_015);
    }

    @Test
    void lz4ChunksDecompressToTheSameStream() throws Exception {
        byte[] plain = SyntheticChunks.chunk(0, 1000, 300);
        byte[] framed = SyntheticChunks.lz4Chunk(0, 1000, 300);
        assertThat(framed.length).isLessThan(plain.length);
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(framed),
                LZ4Factory.safeInstance().safeDecompressor(), XXHashFactory.safeInstance().hash32())) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
    }

    @Test
    void anEmptyChunkHasOnlyTheSchema() {
        List<Integer> batches = new ArrayList<>();
        ArrowChunks.readWithArrowJava(SyntheticChunks.chunk(0, 0, 10), root -> batches.add(root.getRowCount()));
        assertThat(batches).isEmpty();
        assertThatThrownBy(() -> SyntheticChunks.chunk(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
