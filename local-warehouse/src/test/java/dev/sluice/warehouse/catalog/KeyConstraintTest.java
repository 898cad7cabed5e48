package dev.sluice.warehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key constraints as the table properties that carry them, and back. */
class KeyConstraintTest {

    @Test
    void primaryAndForeignKeysRoundTripThroughTheirProperties() {
        KeyConstraint pk = KeyConstraint.primaryKey("t_pk", List.of("id", "odd`name"));
        KeyConstraint fk = KeyConstraint.foreignKey("t_fk", List.of("pid"), List.of("main", "s p", "parent"),
                List.of("id"));
        assertThat(pk.propertyKey()).isEqualTo("sluice.constraint.t_pk");
        assertThat(pk.propertyValue()).isEqualTo("PRIMARY KEY (`id`, `odd``name`)");
        assertThat(fk.propertyValue()).isEqualTo("FOREIGN KEY (`pid`) REFERENCES `main`.`s p`.`parent` (`id`)");

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(fk.propertyKey(), fk.propertyValue());
        properties.put(pk.propertyKey(), pk.propertyValue());
        properties.put("delta.minWriterVersion", "2");
        assertThat(KeyConstraint.fromProperties(properties)).containsExactly(fk, pk);
        assertThat(KeyConstraint.propertyKeyOf(properties, "T_PK")).isEqualTo("sluice.constraint.t_pk");
        assertThat(KeyConstraint.propertyKeyOf(properties, "minWriterVersion")).isNull();
    }

    @Test
    void propertiesThatAreNotConstraintsAreIgnored() {
        Map<String, String> properties = Map.of(
                "sluice.constraint.a", "CHECK (x > 0)",
                "sluice.constraint.b", "PRIMARY KEY id",
                "sluice.constraint.c", "FOREIGN KEY (`x`) REFERENCES `t` (`y`)",
                "sluice.constraint.", "PRIMARY KEY (`x`)");
        assertThat(KeyConstraint.fromProperties(properties)).isEmpty();
    }

    @Test
    void timeseriesColumnsAreStrippedForSparkAndKeptWithTheKey() {
        TimeseriesKeys.Stripped s = TimeseriesKeys.strip("CREATE TABLE t (user_id BIGINT, `Event ts` TIMESTAMP,"
                + " CONSTRAINT pk PRIMARY KEY (user_id, `Event ts` timeseries)) USING DELTA");
        assertThat(s.sql()).isEqualTo("CREATE TABLE t (user_id BIGINT, `Event ts` TIMESTAMP,"
                + " CONSTRAINT pk PRIMARY KEY (user_id, `Event ts`)) USING DELTA");
        assertThat(s.columns()).containsExactly("Event ts");
        assertThat(TimeseriesKeys.strip("SELECT 'TIMESERIES'").columns()).isEmpty();

        KeyConstraint pk = KeyConstraint.primaryKey("pk", List.of("user_id", "Event ts"), List.of("Event ts"));
        assertThat(pk.propertyValue()).isEqualTo("PRIMARY KEY (`user_id`, `Event ts` TIMESERIES)");
        assertThat(KeyConstraint.parse("pk", pk.propertyValue())).isEqualTo(pk);
        assertThat(KeyConstraint.parse("pk", "PRIMARY KEY (`a`)").timeseries()).isEmpty();
    }
}
