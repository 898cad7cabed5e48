package dev.sluice.dao.delta;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Delta's type widening rules (protocol.md 8.4). */
final class TypeRules {

    private static final Map<String, Set<String>> INTEGRAL_WIDER = Map.of(
            "tinyint", Set.of("smallint", "int", "bigint", "double"),
            "smallint", Set.of("int", "bigint", "double"),
            "int", Set.of("bigint", "double"),
            "float", Set.of("double"));
    /** Integer digits a decimal needs to hold every value of an integral type. */
    private static final Map<String, Integer> INTEGER_DIGITS = Map.of("tinyint", 10, "smallint", 10, "int", 10,
            "bigint", 20);

    private TypeRules() {
    }

    /** Whether {@code to} is a widening of {@code from} that Delta's type widening can apply in place. */
    static boolean widens(DataType from, DataType to) {
        if (!(from instanceof DataType.Primitive f) || !(to instanceof DataType.Primitive t) || f.equals(t)) {
            return false;
        }
        String a = f.base();
        String b = t.base();
        if (INTEGRAL_WIDER.getOrDefault(a, Set.of()).contains(b)) {
            return true;
        }
        if (b.equals("decimal") && INTEGER_DIGITS.containsKey(a)) {
            List<Integer> ps = t.arguments();
            return ps.get(0) - ps.get(1) >= INTEGER_DIGITS.get(a);
        }
        if (a.equals("decimal") && b.equals("decimal")) {
            List<Integer> x = f.arguments();
            List<Integer> y = t.arguments();
            return y.get(0) >= x.get(0) && y.get(1) >= x.get(1) && y.get(0) - y.get(1) >= x.get(0) - x.get(1);
        }
        return a.equals("date") && b.equals("timestamp_ntz");
    }
}
