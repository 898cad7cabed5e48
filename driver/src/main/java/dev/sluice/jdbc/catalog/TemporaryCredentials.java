package dev.sluice.jdbc.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials vended for one table's files ({@code temporary-table-credentials}): the storage {@link #url()}, the
 * expiry, and the cloud's secrets, which are reachable only through {@link #secret(String)}; {@link #toString()}
 * names the kind, the URL and the expiry, never a secret.
 *
 * <p>Secret names per {@link Kind}, as the wire names them: AWS and R2 {@code access_key_id},
 * {@code secret_access_key}, {@code session_token}; AZURE_SAS {@code sas_token}; GCP_OAUTH {@code oauth_token};
 * LOCAL (the Sluice local warehouse: the URL is a {@code file:} URI) {@code token}.
 */
public final class TemporaryCredentials {
    /** Which block of the answer carried the secrets. */
    public enum Kind {
        /** {@code aws_temp_credentials}. */
        AWS,
        /** {@code azure_user_delegation_sas}. */
        AZURE_SAS,
        /** {@code gcp_oauth_token}. */
        GCP_OAUTH,
        /** {@code r2_temp_credentials}. */
        R2,
        /** {@code local_temp_credentials}: the Sluice local warehouse's scoped token for a local directory. */
        LOCAL,
        /** None the client knows: only the URL and the expiry are usable. */
        NONE
    }

    private final Kind kind;
    private final String url;
    private final Instant expirationTime;
    private final TableOperation operation;
    private final Map<String, String> secrets;

    /**
     * @param secrets the secret values by their wire name; copied, never printed
     */
    public TemporaryCredentials(Kind kind, String url, Instant expirationTime, TableOperation operation,
                                Map<String, String> secrets) {
        this.kind = Objects.requireNonNull(kind, "kind is null");
        this.url = url;
        this.expirationTime = expirationTime;
        this.operation = Objects.requireNonNull(operation, "operation is null");
        this.secrets = Map.copyOf(Objects.requireNonNull(secrets, "secrets is null"));
    }

    public Kind kind() {
        return kind;
    }

    /** The table's storage location the credentials are for ({@code s3://...}, {@code abfss://...}, {@code file:...}). */
    public String url() {
        return url;
    }

    /** When the credentials stop working; null when the server did not say. */
    public Instant expirationTime() {
        return expirationTime;
    }

    /** What was asked for. */
    public TableOperation operation() {
        return operation;
    }

    /**
     * Whether they expire within {@code margin} of {@code now} (so a reader renews them before a long read): true
     * when the expiry is unknown.
     */
    public boolean expiresWithin(Duration margin, Instant now) {
        return expirationTime == null || !now.plus(margin).isBefore(expirationTime);
    }

    /** The secret called {@code name} (see the class comment); call it only where the value is used. */
    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    /** The names of the secrets present, without their values. */
    public java.util.Set<String> secretNames() {
        return secrets.keySet();
    }

    @Override
    public String toString() {
        return "TemporaryCredentials[kind=" + kind + ", operation=" + operation + ", url=" + url + ", expires="
                + expirationTime + ", secrets=" + new java.util.TreeSet<>(secrets.keySet()) + "]";
    }
}
