package dev.sluice.jdbc.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.procedure.ProcedureOutcome;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinProceduresTest {

    @Test
    void withoutProvidersABuiltInNameFailsNamingTheArtifact() {
        BuiltinProcedures none = new BuiltinProcedures(List.of());
        assertThatThrownBy(() -> none.find("sluice", "delta_merge"))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("sluice.delta_merge").hasMessageContaining("dev.sluice:sluice-dao")
                .extracting("SQLState").isEqualTo("0A000");
    }

    @Test
    void anUnknownNameIs42883ListingTheNamespace() {
        BuiltinProcedures some = new BuiltinProcedures(List.of(spec("b_two"), spec("a_one")));
        assertThatThrownBy(() -> some.find("tools", "nope"))
                .hasMessageStartingWith("procedure tools.nope does not exist; the built-in procedures are"
                        + " tools.{a_one, b_two} (to call a procedure of a schema named tools, name its catalog too")
                .extracting("SQLState").isEqualTo("42883");
    }

    @Test
    void namesMatchInAnyCase() throws Exception {
        BuiltinProcedures some = new BuiltinProcedures(List.of(spec("a_one")));
        assertThat(some.find("sluice", "A_One").name()).isEqualTo("a_one");
    }

    @Test
    void theClassPathProviderIsFound() {
        assertThat(BuiltinProcedures.get().all()).containsKeys("counts", "typed", "query", "failing", "broken");
    }

    private static ProcedureSpec spec(String name) {
        return new ProcedureSpec(name, "", List.of(), false, call -> ProcedureOutcome.none());
    }
}
