package dev.sluice.warehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fault switch: rules that delay, fail, drop or throttle matching requests, plus the link clock
 * (TTL of new links, and a cut-off before which every issued link counts as expired).
 */
public final class Faults {

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private volatile Duration linkTtl;
    private volatile Instant linksValidFrom = Instant.EPOCH;

    public Faults(Duration linkTtl) {
        this.linkTtl = linkTtl;
    }

    /**
     * What to do with a request before routing it: wait, answer with an error, drop the connection without
     * handling the request, or handle it and then drop the connection instead of answering ({@code dropAfter}).
     */
    public record Decision(long latencyMs, FaultRule error, boolean drop, boolean dropAfter) {
        static final Decision NONE = new Decision(0, null, false, false);
    }

    /** Download shaping of one file response. */
    public record Shaping(long bytesPerSecond, long truncateAfter) {
        public static final Shaping NONE = new Shaping(0, -1);
    }

    public Decision before(String method, String path) {
        if (rules.isEmpty()) {
            return Decision.NONE;
        }
        long latency = 0;
        for (FaultRule r : rules) {
            if (r.action == FaultRule.Action.LATENCY && r.matches(method, path) && r.take()) {
                latency += r.latencyMs;
            }
        }
        for (FaultRule r : rules) {
            if (!r.matches(method, path)) {
                continue;
            }
            if (r.action == FaultRule.Action.DROP && r.take()) {
                return new Decision(latency, null, true, false);
            }
            if (r.action == FaultRule.Action.DROP_AFTER && r.take()) {
                return new Decision(latency, null, false, true);
            }
            if (r.action == FaultRule.Action.ERROR && r.take()) {
                return new Decision(latency, r, false, false);
            }
        }
        return latency == 0 ? Decision.NONE : new Decision(latency, null, false, false);
    }

    public Shaping download(String path) {
        long bps = 0;
        long truncate = -1;
        for (FaultRule r : rules) {
            if (!r.matches("GET", path)) {
                continue;
            }
            if (r.action == FaultRule.Action.SLOW_DOWNLOAD && r.take()) {
                bps = r.bytesPerSecond;
            } else if (r.action == FaultRule.Action.TRUNCATE_DOWNLOAD && r.take()) {
                truncate = r.afterBytes;
            }
        }
        return bps == 0 && truncate < 0 ? Shaping.NONE : new Shaping(bps, truncate);
    }

    /** True when an EXPIRE_TOKEN rule applies to this token on this path (the rule's count is used up). */
    public boolean tokenExpired(String token, String method, String path) {
        for (FaultRule r : rules) {
            if (r.action == FaultRule.Action.EXPIRE_TOKEN && r.matches(method, path)
                    && (r.token == null || r.token.equals(token)) && r.take()) {
                return true;
            }
        }
        return false;
    }

    public Duration linkTtl() {
        return linkTtl;
    }

    public Instant linksValidFrom() {
        return linksValidFrom;
    }

    /**
     * Applies a JSON document: one rule, {"rules":[...]}, or the link commands. Returns the state. Every rule is
     * checked before any takes effect, so a document with a bad rule changes nothing.
     */
    public ObjectNode apply(JsonNode body) {
        List<Runnable> changes = new ArrayList<>();
        if (body.has("rules")) {
            JsonNode rulesNode = body.get("rules");
            if (!rulesNode.isArray()) {
                throw ApiError.invalid("fault 'rules' must be an array of rules, got " + rulesNode.getNodeType());
            }
            for (JsonNode r : rulesNode) {
                changes.add(prepare(r));
            }
        } else if (body.size() > 0) {
            changes.add(prepare(body));
        }
        changes.forEach(Runnable::run);
        return describe();
    }

    private Runnable prepare(JsonNode r) {
        if (!r.isObject()) {
            throw ApiError.invalid("a fault must be a JSON object");
        }
        String action = Json.text(r, "action");
        if ("expire_links".equalsIgnoreCase(action)) {
            return () -> linksValidFrom = Instant.now();
        }
        if ("link_expiry".equalsIgnoreCase(action)) {
            Long seconds = Json.longValue(r, "seconds");
            if (seconds == null || seconds < 0) {
                throw ApiError.invalid("link_expiry needs 'seconds' >= 0, got " + seconds);
            }
            return () -> linkTtl = Duration.ofSeconds(seconds);
        }
        FaultRule rule = FaultRule.parse(r);
        return () -> rules.add(rule);
    }

    public void clear(Duration defaultTtl) {
        rules.clear();
        linkTtl = defaultTtl;
        linksValidFrom = Instant.EPOCH;
    }

    public ObjectNode describe() {
        rules.removeIf(FaultRule::spent);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("rules");
        rules.forEach(r -> arr.add(r.describe()));
        out.put("link_expiry_seconds", linkTtl.toSeconds());
        out.put("links_valid_from", linksValidFrom.toString());
        return out;
    }

    public static Map<String, String> retryAfter(FaultRule r) {
        Map<String, String> h = new HashMap<>();
        h.put("Retry-After", Integer.toString(Math.max(0, r.retryAfterSeconds)));
        return h;
    }
}
