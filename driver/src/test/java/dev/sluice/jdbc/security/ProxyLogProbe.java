package dev.sluice.jdbc.security;

import dev.sluice.testing.net.TestCertificates;
import dev.sluice.testing.net.TestProxy;
import dev.sluice.testing.net.TlsFront;
import dev.sluice.testing.arrow.SyntheticChunks;
import dev.sluice.testing.sea.Chunk;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.StatementScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Run by {@link SecretsInLogsTest} in a child JVM with the driver's loggers at TRACE: connects through an
 * authenticating proxy over https with a trust store password, reads external links, then fails once with a wrong
 * proxy password and once with a wrong trust store password, printing every exception message.
 * Arguments: certificate directory, PAT, proxy password, wrong proxy password.
 */
public final class ProxyLogProbe {
    private ProxyLogProbe() {
    }

    public static void main(String[] args) throws Exception {
        TestCertificates certs = TestCertificates.existing(Path.of(args[0]));
        String pat = args[1];
        String password = args[2];
        String wrong = args[3];
        try (ScriptedWarehouse server = ScriptedWarehouse.start();
             TlsFront front = TlsFront.start(certs.serverContext(), server.port());
             TestProxy proxy = TestProxy.start("alice", password)) {
            server.expectToken(pat);
            server.script(StatementScript.forSql("SELECT big").succeeds(Result.externalLinks(
                    Column.list("id BIGINT", "name STRING", "value DOUBLE"),
                    List.of(Chunk.of(100, SyntheticChunks.chunk(0, 100, 16)),
                            Chunk.of(100, SyntheticChunks.chunk(100, 100, 16))))));
            String url = "jdbc:databricks://127.0.0.1:" + front.port() + "/default;httpPath=/sql/1.0/warehouses/w;"
                    + "PWD=" + pat + certs.trustProperties() + ";UseProxy=1;ProxyHost=127.0.0.1;ProxyPort="
                    + proxy.port() + ";ProxyAuth=1;ProxyUID=alice;ProxyPwd=";
            try (Connection c = DriverManager.getConnection(url + password);
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT big")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                System.out.println("rows=" + rows + " url=" + c.getMetaData().getURL() + " connection=" + c);
            }
            print("wrong-proxy", () -> DriverManager.getConnection(url + wrong).close());
            print("wrong-trust", () -> DriverManager.getConnection(url.replace(certs.trustProperties(),
                    ";SSLTrustStore=" + certs.trustJks + ";SSLTrustStorePwd=" + wrong) + password).close());
        }
        System.exit(0);
    }

    private interface Attempt {
        void run() throws SQLException;
    }

    private static void print(String name, Attempt attempt) {
        try {
            attempt.run();
            System.out.println(name + "=connected");
        } catch (SQLException e) {
            System.out.println(name + "=" + e.getSQLState() + "|" + e.getMessage());
            e.printStackTrace(System.out);
        }
    }
}
