package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.sluice.jdbc.internal.client.DirectChunkPool;
import dev.sluice.testing.arrow.ArrowChunks;
import dev.sluice.testing.arrow.SyntheticChunks;
import dev.sluice.testing.sea.Chunk;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Compression;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.HttpReply;
import dev.sluice.testing.sea.LinkPolicy;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.StatementScript;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Arrow results through JDBC: inline attachments, external links, LZ4, link refresh, early close. */
class ArrowResultsTest {
    private static final int CHUNK_ROWS = 1000;
    @AutoClose
    private final ScriptedWarehouse server = ScriptedWarehouse.start();

    private Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("wh1") + extra);
    }

    private static final List<Column> ALL_TYPES = Column.list("b BOOLEAN", "t TINYINT", "s SMALLINT", "i INT",
            "l BIGINT", "f FLOAT", "d DOUBLE", "m DECIMAL(20,4)", "str STRING", "bin BINARY", "dt DATE",
            "ts TIMESTAMP", "ntz TIMESTAMP_NTZ");

    private static byte[] allTypesChunk() {
        return ArrowChunks.builder(
                        ArrowChunks.field("b", ArrowChunks.BOOL), ArrowChunks.field("t", ArrowChunks.TINYINT),
                        ArrowChunks.field("s", ArrowChunks.SMALLINT), ArrowChunks.field("i", ArrowChunks.INT),
                        ArrowChunks.field("l", ArrowChunks.BIGINT), ArrowChunks.field("f", ArrowChunks.FLOAT),
                        ArrowChunks.field("d", ArrowChunks.DOUBLE),
                        ArrowChunks.field("m", ArrowChunks.decimal(20, 4)),
                        ArrowChunks.field("str", ArrowChunks.UTF8), ArrowChunks.field("bin", ArrowChunks.BINARY),
                        ArrowChunks.field("dt", ArrowChunks.DATE),
                        ArrowChunks.field("ts", ArrowChunks.timestamp("Etc/UTC")),
                        ArrowChunks.field("ntz", ArrowChunks.TIMESTAMP_NTZ))
                .row(true, (byte) -8, (short) 300, 70000, Long.MAX_VALUE, 1.5f, -2.25d, new BigDecimal("12345.6789"),
                        "héllo ✓", new byte[] {1, 2, (byte) 0xff}, LocalDate.parse("2024-02-29"),
                        Instant.parse("2024-03-01T10:15:30.123456Z"), LocalDateTime.parse("2024-03-01T10:15:30.5"))
                .row(null, null, null, null, null, null, null, null, null, null, null, null, null)
                .toBytes();
    }

    @Test
    void inlineAttachmentOfEveryTypeReadsThroughGettersAndJavaTime() throws SQLException {
        server.script(StatementScript.forSql("SELECT all").succeeds(
                Result.arrowAttachment(ALL_TYPES, 2, allTypesChunk())));
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT all")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(13);
            assertThat(md.getColumnType(5)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnTypeName(12)).isEqualTo("TIMESTAMP");
            assertThat(md.getColumnTypeName(13)).isEqualTo("TIMESTAMP_NTZ");
            assertThat(md.getPrecision(8)).isEqualTo(20);
            assertThat(md.getScale(8)).isEqualTo(4);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("b")).isTrue();
            assertThat(rs.getByte(2)).isEqualTo((byte) -8);
            assertThat(rs.getShort(3)).isEqualTo((short) 300);
            assertThat(rs.getInt(4)).isEqualTo(70000);
            assertThat(rs.getLong(5)).isEqualTo(Long.MAX_VALUE);
            assertThatThrownBy(() -> rs.getInt(5)).satisfies(e ->
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
            assertThat(rs.getFloat(6)).isEqualTo(1.5f);
            assertThat(rs.getDouble(7)).isEqualTo(-2.25d);
            assertThat(rs.getBigDecimal(8)).isEqualByComparingTo("12345.6789");
            assertThat(rs.getString(9)).isEqualTo("héllo ✓");
            assertThat(rs.getBytes(10)).containsExactly(1, 2, 0xff);
            assertThat(rs.getObject(11, LocalDate.class)).isEqualTo(LocalDate.parse("2024-02-29"));
            assertThat(rs.getObject(12, Instant.class)).isEqualTo(Instant.parse("2024-03-01T10:15:30.123456Z"));
            assertThat(rs.getTimestamp(12).toInstant()).isEqualTo(Instant.parse("2024-03-01T10:15:30.123456Z"));
            assertThat(rs.getObject(12, OffsetDateTime.class).toInstant())
                    .isEqualTo(Instant.parse("2024-03-01T10:15:30.123456Z"));
            assertThat(rs.getObject(13, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2024-03-01T10:15:30.5"));
            assertThat(rs.getTimestamp(13)).isEqualTo(Timestamp.valueOf(LocalDateTime.parse("2024-03-01T10:15:30.5")));
            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= 13; i++) {
                assertThat(rs.getObject(i)).as("column %d", i).isNull();
                assertThat(rs.wasNull()).isTrue();
            }
            assertThat(rs.getInt(4)).isZero();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void cachedRowSetPopulatesFromEveryType() throws SQLException {
        server.script(StatementScript.forSql("SELECT all").succeeds(
                Result.arrowAttachment(ALL_TYPES, 2, allTypesChunk())));
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT all");
             CachedRowSet crs = RowSetProvider.newFactory().createCachedRowSet()) {
            crs.populate(rs);
            assertThat(crs.size()).isEqualTo(2);
            assertThat(crs.next()).isTrue();
            assertThat(crs.getLong("l")).isEqualTo(Long.MAX_VALUE);
            assertThat(crs.getString("str")).isEqualTo("héllo ✓");
            assertThat(crs.getBigDecimal("m")).isEqualByComparingTo("12345.6789");
        }
    }

    /** Uncompressed chunks; the scripted server LZ4-frames them itself when the request asks for it. */
    private static List<Chunk> syntheticChunks(int chunks) {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            long first = (long) i * CHUNK_ROWS;
            out.add(Chunk.of(CHUNK_ROWS, SyntheticChunks.chunk(first, CHUNK_ROWS, 256)));
        }
        return out;
    }

    private static List<Column> syntheticColumns() {
        return Column.list("id BIGINT", "name STRING", "value DOUBLE");
    }

    private static long readAll(ResultSet rs) throws SQLException {
        long n = 0;
        while (rs.next()) {
            assertThat(rs.getLong(1)).isEqualTo(SyntheticChunks.id(n));
            assertThat(rs.getString(2)).isEqualTo(SyntheticChunks.name(n));
            assertThat(rs.getDouble(3)).isEqualTo(SyntheticChunks.value(n));
            n++;
        }
        return n;
    }

    @Test
    void externalLinksInOrderWithLz4RefreshAndRequiredHeadersWithoutAuthorization() throws SQLException {
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(syntheticColumns(), syntheticChunks(5))
                        .withCompression(Compression.LZ4_FRAME)
                        .withLinkPolicy(LinkPolicy.standard().expiredOnFirstIssue()
                                .withRequiredHeaders(Map.of("x-amz-server-side-encryption-customer-key", "k1")))));
        try (Connection c = connect(";cloudFetchThreadPoolSize=3"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT big")) {
            assertThat(readAll(rs)).isEqualTo(5L * CHUNK_ROWS);
        }
        assertThat(server.requests(Endpoint.DOWNLOAD)).isNotEmpty()
                .noneMatch(r -> r.hasHeader("Authorization"));
        for (int i = 0; i < 5; i++) {
            assertThat(server.downloadCount(i)).as("chunk %d downloaded", i).isGreaterThanOrEqualTo(1);
        }
        assertThat(server.requests(Endpoint.GET_CHUNK)).isNotEmpty();
        server.assertExecutedOnce("SELECT big");
        assertThat(server.closedStatementIds()).containsExactlyElementsOf(server.statementIds());
    }

    @Test
    void uncompressedLinksWithATinyBufferStillStreamEverything() throws SQLException {
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(syntheticColumns(), syntheticChunks(4))));
        try (Connection c = connect(";EnableQueryResultLZ4Compression=0;ResultBufferBytes=1");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT big")) {
            assertThat(readAll(rs)).isEqualTo(4L * CHUNK_ROWS);
        }
        assertThat(server.statementRequests().get(0).resultCompression()).isEqualTo("NONE");
    }

    @Test
    void lz4LinksWithABudgetBelowTwoChunksAreDecompressedByTheReaderAndStreamEverything() throws SQLException {
        // below ResultStreams.FETCH_SIDE_DECODE_BUDGET the fetch threads hand chunks out framed; isLast() at each
        // row reads ahead across chunk ends, where the reader decompresses the next chunk while the last batch of
        // the previous one is still the current row's
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(syntheticColumns(), syntheticChunks(4)).withCompression(Compression.LZ4_FRAME)));
        try (Connection c = connect(";ResultBufferBytes=1048576"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT big")) {
            readsEverySyntheticRowAskingIsLast(rs, 4L * CHUNK_ROWS);
        }
        assertThat(server.statementRequests().get(0).resultCompression()).isEqualTo("LZ4_FRAME");
    }

    @Test
    void linksReadAheadInDirectBuffersAndIsLastSeesEveryValueIntact() throws SQLException {
        // with a budget of one chunk (the default in a small heap) chunks wait for the reader in the JVM's direct
        // buffers and are copied out when the reader reaches them; isLast() at each row reads across chunk ends
        // while the previous chunk's last row is still being read
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(syntheticColumns(), syntheticChunks(6))));
        try (Connection c = connect(";EnableQueryResultLZ4Compression=0;ResultBufferBytes=16777216");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT big")) {
            readsEverySyntheticRowAskingIsLast(rs, 6L * CHUNK_ROWS);
        }
        assertThat(DirectChunkPool.jvm().allocatedBytes()).isPositive();
        assertThat(DirectChunkPool.jvm().lentBytes()).isZero();
    }

    @Test
    void recycledChunkArraysNeverChangeARowTheCursorCanStillSee() throws SQLException {
        // chunks of more than a MiB with a budget above the direct pool's: each is downloaded into a heap array, and
        // the arrays of chunks the reader has left become download targets again; isLast() at each row reads across
        // chunk ends, so an array reused while a batch of it was still the cursor's would show as a wrong value
        // 24 chunks of ~1.3 MB in 2 MiB arrays against a 32 MiB budget: the read-ahead cannot take them all at once,
        // so later chunks are downloaded while the reader is at earlier ones
        int rows = 60_000;
        int count = 24;
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chunks.add(Chunk.of(rows, SyntheticChunks.chunk((long) i * rows, rows, 4096)));
        }
        assertThat(chunks.get(0).payload().length).as("large enough to be recycled").isGreaterThan(1 << 20);
        server.script(StatementScript.forSql("SELECT big").succeeds(Result.externalLinks(syntheticColumns(), chunks)));
        try (Connection c = connect(";EnableQueryResultLZ4Compression=0;ResultBufferBytes=33554432");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT big")) {
            readsEverySyntheticRowAskingIsLast(rs, (long) count * rows);
        }
    }

    @Test
    void aResetDownloadIsRetried() throws SQLException {
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(syntheticColumns(), syntheticChunks(3))
                        .withCompression(Compression.LZ4_FRAME)));
        server.on(Endpoint.DOWNLOAD).forChunk(1).fault(Fault.CONNECTION_RESET_BY_PEER);
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT big")) {
            assertThat(readAll(rs)).isEqualTo(3L * CHUNK_ROWS);
        }
        assertThat(server.downloadCount(1)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTruncatedDownloadIsDetectedAndRetried() throws SQLException {
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(syntheticColumns(), syntheticChunks(2))));
        server.on(Endpoint.DOWNLOAD).forChunk(0).truncateBody(1000);
        try (Connection c = connect(";EnableQueryResultLZ4Compression=0"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT big")) {
            assertThat(readAll(rs)).isEqualTo(2L * CHUNK_ROWS);
        }
        assertThat(server.downloadCount(0)).isEqualTo(2);
    }

    @Test
    void aCorruptLz4ChunkIsADataErrorNotALinkFailure() throws SQLException {
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(syntheticColumns(), syntheticChunks(2)).withCompression(Compression.LZ4_FRAME)));
        byte[] garbage = {0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, (byte) 0xa7, 0x10, 0, 0, 0, 1, 2, 3, 4, 5};
        server.on(Endpoint.DOWNLOAD).forChunk(1).always().reply(HttpReply.status(200).withBody(garbage));
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT big")) {
            assertThatThrownBy(() -> readAll(rs)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("22"));
        }
    }

    @Test
    void closingEarlyStopsDownloadsAndClosesTheStatement() throws SQLException {
        server.script(StatementScript.forSql("SELECT big").succeeds(
                Result.externalLinks(syntheticColumns(), syntheticChunks(20))));
        try (Connection c = connect(";ResultBufferBytes=1;cloudFetchThreadPoolSize=1"); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT big");
            assertThat(rs.next()).isTrue();
            rs.close();
            assertThat(server.closedStatementIds()).containsExactlyElementsOf(server.statementIds());
        }
        int downloaded = 0;
        for (int i = 0; i < 20; i++) {
            downloaded += server.downloadCount(i);
        }
        assertThat(downloaded).isLessThan(20);
    }

    /** Reads every row, asking isLast() at each (it reads ahead across chunk ends), and checks every value. */
    private static void readsEverySyntheticRowAskingIsLast(ResultSet rs, long rows) throws SQLException {
        long n = 0;
        boolean last = false;
        while (rs.next()) {
            last = rs.isLast();
            assertThat(rs.getLong(1)).isEqualTo(SyntheticChunks.id(n));
            assertThat(rs.getString(2)).isEqualTo(SyntheticChunks.name(n));
            assertThat(rs.getDouble(3)).isEqualTo(SyntheticChunks.value(n));
            n++;
        }
        assertThat(n).isEqualTo(rows);
        assertThat(last).isTrue();
    }
}
