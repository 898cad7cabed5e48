package dev.sluice.jdbc.internal.config;

import dev.sluice.jdbc.internal.auth.Secret;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads the value of a secret connection property: the text as given, or a reference resolved when the
 * connection is opened, so that the credential need not sit in a URL or a configuration file:
 * {@code ${env:NAME}} is the environment variable NAME, {@code ${file:PATH}} the content of the file PATH
 * (UTF-8, one trailing line break dropped). Only a value that is entirely such a reference is resolved.
 * Failures name the property and the variable or path, never a value.
 */
public final class SecretValues {
    private static final String ENV = "${env:";
    private static final String FILE = "${file:";

    private final UnaryOperator<String> environment;

    /** Resolves against {@code environment} (a variable name to its value or null); tests pass their own. */
    public SecretValues(UnaryOperator<String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment is null");
    }

    /** Resolves against the process environment. */
    public static SecretValues fromProcess() {
        return new SecretValues(System::getenv);
    }

    /** True when {@code raw} is a reference that {@link #resolve} would read rather than the secret itself. */
    public static boolean isReference(String raw) {
        if (raw == null) {
            return false;
        }
        String value = raw.strip();
        return (value.startsWith(ENV) || value.startsWith(FILE)) && value.endsWith("}");
    }

    /**
     * @param property the (secret) property, named in messages
     * @param raw the value as set, or null
     * @return the secret, or null when {@code raw} is null or blank
     * @throws SQLException 28000 when a variable is missing or empty, a file cannot be read or is empty, or the
     *     value has a line break inside
     */
    public Secret resolve(ConnectionProperty property, String raw) throws SQLException {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        String text;
        String source;
        if (value.startsWith(ENV) && value.endsWith("}")) {
            String name = value.substring(ENV.length(), value.length() - 1).strip();
            source = "environment variable " + name;
            text = name.isEmpty() ? null : environment.apply(name);
            if (text == null) {
                throw refused(property, source + " is not set");
            }
        } else if (value.startsWith(FILE) && value.endsWith("}")) {
            String path = value.substring(FILE.length(), value.length() - 1).strip();
            source = "file '" + path + "'";
            text = read(property, path, source);
        } else {
            source = "its value";
            text = raw;
        }
        text = dropTrailingLineBreak(text);
        if (text.isBlank()) {
            throw refused(property, source + " is empty");
        }
        try {
            return Secret.of(text, property.propertyName());
        } catch (IllegalArgumentException e) {
            throw refused(property, source + " contains a line break");
        }
    }

    private static String read(ConnectionProperty property, String path, String source) throws SQLException {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (InvalidPathException e) {
            throw refused(property, source + " is not a valid path");
        } catch (IOException | SecurityException e) {
            // the exception class says why (no such file, access denied) without quoting any content
            throw refused(property, source + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String dropTrailingLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static SQLException refused(ConnectionProperty property, String why) {
        return Errors.of(SqlState.INVALID_AUTHORIZATION, "cannot read connection property "
                + property.propertyName() + ": " + why);
    }
}
