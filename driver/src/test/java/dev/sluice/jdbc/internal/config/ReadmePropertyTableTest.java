package dev.sluice.jdbc.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The README's connection-property table is the enum, rendered; this keeps the two from drifting. */
class ReadmePropertyTableTest {
    private static final String BEGIN = "<!-- properties:begin -->";
    private static final String END = "<!-- properties:end -->";

    static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Property | Also accepted | Default | Description |\n");
        sb.append("|---|---|---|---|\n");
        for (ConnectionProperty p : ConnectionProperty.values()) {
            sb.append("| `").append(p.propertyName()).append("` | ")
                    .append(p.aliases().isEmpty() ? "" : "`" + String.join("`, `", p.aliases()) + "`").append(" | ")
                    .append(p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`").append(" | ")
                    .append(p.description().replace("|", "\\|")).append(" |\n");
        }
        sb.append("| `").append(ConnectionProperty.HTTP_HEADER_PREFIX).append("<Name>` | | | ")
                .append("Adds the HTTP header <Name> to every API request (never to result downloads) |\n");
        sb.append("| `ssp_<conf>` | | | Sent as the server-side session configuration <conf> |\n");
        return sb.toString();
    }

    @Test
    void readmeTableMatchesTheEnum() throws IOException {
        Path readme = findReadme();
        String text = Files.readString(readme);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertThat(b).as("README has the %s marker", BEGIN).isGreaterThanOrEqualTo(0);
        assertThat(e).as("README has the %s marker", END).isGreaterThan(b);
        String table = text.substring(b + BEGIN.length(), e).strip() + "\n";
        assertThat(table).as("README property table; regenerate it from ConnectionProperty").isEqualTo(render());
    }

    private static Path findReadme() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md")) || dir != null
                && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the project root above the working directory").isNotNull();
        return dir.resolve("README.md");
    }
}
