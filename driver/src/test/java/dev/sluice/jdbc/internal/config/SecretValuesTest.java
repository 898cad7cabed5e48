package dev.sluice.jdbc.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretValuesTest {
    private static final Map<String, String> ENV = Map.of("SLUICE_PAT", "dapi-from-env", "EMPTY", "");
    private final SecretValues values = new SecretValues(ENV::get);

    @TempDir
    Path dir;

    @Test
    void aPlainValueIsTheSecretItself() throws SQLException {
        assertThat(values.resolve(ConnectionProperty.PWD, " dapi-literal ").reveal()).isEqualTo("dapi-literal");
        assertThat(values.resolve(ConnectionProperty.PWD, null)).isNull();
        assertThat(values.resolve(ConnectionProperty.PWD, " ")).isNull();
    }

    @Test
    void anEnvironmentReferenceReadsTheVariable() throws SQLException {
        assertThat(values.resolve(ConnectionProperty.PWD, "${env:SLUICE_PAT}").reveal()).isEqualTo("dapi-from-env");
    }

    @Test
    void aMissingOrEmptyVariableIs28000NamingIt() {
        assertThatThrownBy(() -> values.resolve(ConnectionProperty.PROXY_PWD, "${env:NOT_THERE}"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("ProxyPwd").contains("NOT_THERE").contains("not set");
                });
        assertThatThrownBy(() -> values.resolve(ConnectionProperty.PROXY_PWD, "${env:EMPTY}"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("EMPTY"));
    }

    @Test
    void aFileReferenceReadsTheFileWithoutItsTrailingLineBreak() throws Exception {
        Path unix = Files.writeString(dir.resolve("pat"), "dapi-from-file\n");
        Path windows = Files.writeString(dir.resolve("pat.txt"), "dapi-from-file\r\n");
        assertThat(values.resolve(ConnectionProperty.OAUTH2_SECRET, "${file:" + unix + "}").reveal())
                .isEqualTo("dapi-from-file");
        assertThat(values.resolve(ConnectionProperty.OAUTH2_SECRET, "${file:" + windows + "}").reveal())
                .isEqualTo("dapi-from-file");
    }

    @Test
    void anUnreadableFileIs28000NamingThePathButNoContent() throws Exception {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> values.resolve(ConnectionProperty.SSL_TRUST_STORE_PWD, "${file:" + missing + "}"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("SSLTrustStorePwd").contains(missing.toString())
                            .contains("cannot be read");
                });
        Path twoLines = Files.write(dir.resolve("two"), "line-one-secret\nline-two-secret\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> values.resolve(ConnectionProperty.PWD, "${file:" + twoLines + "}"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("line break")
                        .doesNotContain("line-one-secret").doesNotContain("line-two-secret"));
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> values.resolve(ConnectionProperty.PWD, "${file:" + empty + "}"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("is empty"));
    }
}
