package dev.sluice.warehouse.catalog;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SHOW ... LIKE patterns as Databricks reads them, matched case-insensitively.
 */
final class NamePattern {

    private NamePattern() {
    }

    static Predicate<String> of(String pattern) {
        if (pattern == null || pattern.isBlank() || pattern.equals("*") || pattern.equals("%")) {
            return s -> true;
        }
        // Databricks: '*' is any text, '|' separates alternatives, the rest is a regular expression;
        // drivers turn JDBC '_' into '.', and '%' is accepted as '*'
        String re = pattern.trim().replace("*", ".*").replace("%", ".*");
        Pattern compiled;
        try {
            compiled = Pattern.compile(re, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            compiled = Pattern.compile(Pattern.quote(pattern.trim()), Pattern.CASE_INSENSITIVE);
        }
        Pattern p = compiled;
        return s -> s != null && p.matcher(s).matches();
    }
}
