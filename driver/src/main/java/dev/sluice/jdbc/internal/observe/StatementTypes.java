package dev.sluice.jdbc.internal.observe;

import java.util.Locale;
import java.util.Set;

/** The {@code statement_type} label: the statement's leading keyword from a fixed list, else {@code other}. */
public final class StatementTypes {
    private static final Set<String> KNOWN = Set.of("select", "with", "values", "show", "describe", "explain",
            "insert", "update", "delete", "merge", "copy", "create", "alter", "drop", "truncate", "replace",
            "optimize", "vacuum", "restore", "analyze", "refresh", "cache", "uncache", "use", "set", "reset",
            "grant", "revoke", "call", "msck", "comment", "list", "get", "put", "remove");

    private StatementTypes() {
    }

    /** The label for a leading keyword in any case; null or unknown keywords are {@code other}. */
    public static String of(String verb) {
        if (verb == null) {
            return "other";
        }
        String lower = verb.toLowerCase(Locale.ROOT);
        return KNOWN.contains(lower) ? lower : "other";
    }
}
