package dev.sluice.testing.sea;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the server issues external links: their lifetime, the {@code http_headers} a download must present,
 * and whether {@code expiration} is written at all. Immutable; {@code with*} methods return copies.
 *
 * <p>Every time a link for a chunk is rendered (in a statement response or by
 * {@code GET .../result/chunks/{i}}) a fresh URL is issued. The first URL issued for each chunk lives
 * {@link #firstIssueTtl()}, every later one {@link #ttl()}; the order of the {@code with*} calls does not
 * matter. A negative lifetime issues a link that has already
 * expired. The server enforces both: a download after expiration, or without one of the required headers,
 * is answered 403 as cloud storage does.
 */
public final class LinkPolicy {

    private static final Duration STANDARD_TTL = Duration.ofMinutes(15);
    private static final LinkPolicy STANDARD = new LinkPolicy(STANDARD_TTL, null, Map.of(), true);

    private final Duration ttl;
    private final Duration firstIssueTtl;
    private final Map<String, String> requiredHeaders;
    private final boolean writesExpiration;

    private LinkPolicy(Duration ttl, Duration firstIssueTtl, Map<String, String> requiredHeaders,
                       boolean writesExpiration) {
        this.ttl = Objects.requireNonNull(ttl, "ttl is null");
        this.firstIssueTtl = firstIssueTtl;
        this.requiredHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requiredHeaders));
        this.writesExpiration = writesExpiration;
    }

    /** Links valid for 15 minutes (as pre-signed URLs are), no required headers, {@code expiration} written. */
    public static LinkPolicy standard() {
        return STANDARD;
    }

    /** A copy where links live this long; first issues too, unless {@link #withFirstIssueTtl} says otherwise. */
    public LinkPolicy withTtl(Duration lifetime) {
        return new LinkPolicy(lifetime, firstIssueTtl, requiredHeaders, writesExpiration);
    }

    /**
     * A copy where the first link issued for each chunk lives this long (negative: already expired when
     * issued, zero or a few seconds: expiring soon); re-issued links keep {@link #ttl()}.
     */
    public LinkPolicy withFirstIssueTtl(Duration lifetime) {
        return new LinkPolicy(ttl, Objects.requireNonNull(lifetime, "lifetime is null"), requiredHeaders,
                writesExpiration);
    }

    /** A copy whose first link per chunk expired a minute before it was issued. */
    public LinkPolicy expiredOnFirstIssue() {
        return withFirstIssueTtl(Duration.ofMinutes(-1));
    }

    /**
     * A copy whose links carry these {@code http_headers}; a download missing one of them, or sending another
     * value, is answered 403.
     */
    public LinkPolicy withRequiredHeaders(Map<String, String> headers) {
        return new LinkPolicy(ttl, firstIssueTtl, headers, writesExpiration);
    }

    /** A copy whose links have no {@code expiration} field (the official driver treats them as expired). */
    public LinkPolicy withoutExpiration() {
        return new LinkPolicy(ttl, firstIssueTtl, requiredHeaders, false);
    }

    /** Lifetime of re-issued links. */
    public Duration ttl() {
        return ttl;
    }

    /** Lifetime of the first link issued for each chunk ({@link #ttl()} unless set). */
    public Duration firstIssueTtl() {
        return firstIssueTtl == null ? ttl : firstIssueTtl;
    }

    /** The {@code http_headers} written on each link and required on download. */
    public Map<String, String> requiredHeaders() {
        return requiredHeaders;
    }

    /** Whether links carry an {@code expiration} field. */
    public boolean writesExpiration() {
        return writesExpiration;
    }
}
