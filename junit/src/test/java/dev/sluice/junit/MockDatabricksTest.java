package dev.sluice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.files.FilesClient;
import dev.sluice.jdbc.simulate.MockWorkspace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The annotation as a user's test meets it: a mock and its URL per method, each method's its own. */
@MockDatabricks
class MockDatabricksTest {
    private static final Set<String> URLS = new HashSet<>();

    @Test
    void theMockAnswersTheUrlsConnections(MockWorkspace mock, @MockDatabricks.JdbcUrl String url) throws Exception {
        mock.onSql("SELECT name FROM main\\.shop\\.items").returns(new String[] {"name STRING"},
                new Object[] {"tea"}, new Object[] {"jam"});
        assertThat(url).isEqualTo(mock.jdbcUrl());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM main.shop.items")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("tea");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("jam");
            assertThat(rs.next()).isFalse();
        }
        assertThat(URLS.add(url)).as("a fresh mock per method").isTrue();
    }

    @Test
    void eachMethodGetsAFreshMockWithoutTheOthersRules(MockWorkspace mock, @MockDatabricks.JdbcUrl String url)
            throws Exception {
        assertThat(URLS.add(url)).as("a fresh mock per method").isTrue();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT name FROM main.shop.items"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("MOCK_UNMATCHED_STATEMENT");
        }
        assertThat(mock.executed()).containsExactly("SELECT name FROM main.shop.items");
    }

    @Test
    void aFileCallIsAnsweredByTheMockWithANotFoundNamingIt(@MockDatabricks.JdbcUrl String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            FilesClient files = c.unwrap(SluiceWorkspace.class).files();
            assertThatThrownBy(() -> files.download("/Volumes/main/shop/raw/orders.csv"))
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageContaining("ENDPOINT_NOT_FOUND")
                    .hasMessageContaining("/api/2.0/fs/files/Volumes/main/shop/raw/orders.csv")
                    .hasMessageContaining("no files or volumes");
        }
    }
}
