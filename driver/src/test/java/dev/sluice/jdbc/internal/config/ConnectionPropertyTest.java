package dev.sluice.jdbc.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDataSource;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionPropertyTest {

    @Test
    void everySpellingIsUniqueAcrossProperties() {
        Set<String> seen = new HashSet<>();
        for (ConnectionProperty p : ConnectionProperty.values()) {
            for (String s : p.spellings()) {
                assertThat(seen.add(s.toLowerCase(Locale.ROOT))).as("duplicate spelling %s", s).isTrue();
                assertThat(ConnectionProperty.forKey(s.toUpperCase(Locale.ROOT))).isSameAs(p);
            }
        }
    }

    @Test
    void everyDefaultIsValidForItsType() throws SQLException {
        for (ConnectionProperty p : ConnectionProperty.values()) {
            p.validate(p.defaultValue());
            assertThat(p.description()).as(p.propertyName()).isNotBlank();
        }
    }

    @Test
    void dataSourceHasAGetterAndSetterForEveryPropertyThatRoundTrip() throws Exception {
        SluiceDataSource ds = new SluiceDataSource();
        for (ConnectionProperty p : ConnectionProperty.values()) {
            String bean = Character.toUpperCase(p.propertyName().charAt(0)) + p.propertyName().substring(1);
            Method setter = SluiceDataSource.class.getMethod("set" + bean, String.class);
            Method getter = SluiceDataSource.class.getMethod("get" + bean);
            setter.invoke(ds, "42");
            assertThat(getter.invoke(ds)).as(p.propertyName()).isEqualTo("42");
        }
    }

    @Test
    void typedValuesAreCheckedWhenTheConfigIsBuiltNamingKeyAndValue() {
        assertThatThrownBy(() -> ConnectionConfig.of(JdbcUrl.parse(
                "jdbc:databricks://h;httpPath=/sql/1.0/warehouses/w;cloudFetchThreadPoolSize=abc"), null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cloudFetchThreadPoolSize")
                .hasMessageContaining("'abc'")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }

    @Test
    void wrongValuesFailWhenTheConfigIsBuiltAndSecretsAreNotEchoed() {
        assertThatThrownBy(() -> ConnectionConfig.of(JdbcUrl.parse(
                "jdbc:databricks://h;httpPath=/sql/1.0/warehouses/w;ssl=maybe"), null))
                .hasMessageContaining("ssl").hasMessageContaining("'maybe'");
        Properties info = new Properties();
        info.setProperty("ConnectTimeout", "-3");
        assertThatThrownBy(() -> ConnectionConfig.of(JdbcUrl.parse("jdbc:databricks://h"), info))
                .hasMessageContaining("ConnectTimeout").hasMessageContaining("negative");
    }

    @Test
    void booleansAcceptTheUsualSpellings() throws SQLException {
        for (String yes : new String[] {"1", "true", "TRUE", "yes", "on"}) {
            ConnectionConfig c = ConnectionConfig.of(JdbcUrl.parse("jdbc:databricks://h;ssl=" + yes), null);
            assertThat(ConnectionProperty.SSL.booleanValue(c)).isTrue();
        }
        ConnectionConfig c = ConnectionConfig.of(JdbcUrl.parse("jdbc:databricks://h;SSL=0"), null);
        assertThat(ConnectionProperty.SSL.booleanValue(c)).isFalse();
    }
}
