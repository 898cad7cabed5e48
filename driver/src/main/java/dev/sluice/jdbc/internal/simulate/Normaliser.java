package dev.sluice.jdbc.internal.simulate;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Makes an exchange fit to keep: secrets out, volatile values in a stable spelling. Statement and session ids
 * become {@code statement-1}, {@code session-1}, ... in the order they first appear, everywhere they appear later
 * (paths, bodies, link URLs), so two recordings of one program are the same files and a replay sends exactly what
 * was recorded. Idempotency tokens are replaced and not matched; link expirations are pushed far ahead, so a replay
 * never thinks a recorded link expired; signed query strings and link headers are dropped.
 */
final class Normaliser {
    /** Written instead of the workspace's scheme, host and port in link URLs; WireMock's template for the same. */
    static final String BASE_URL = "{{request.baseUrl}}";
    static final String REDACTED = "REDACTED";
    static final String IDEMPOTENCY_TOKEN = "{idempotency_token}";
    /** Far enough ahead that no replay sees a recorded link as expired. */
    static final String FAR_EXPIRATION = "2999-12-31T23:59:59Z";
    /** Request fields that say nothing about what was asked: they vary from run to run or only tune waiting. */
    static final Set<String> NOT_MATCHED = Set.of("idempotency_token", "wait_timeout", "on_wait_timeout");
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(token|secret|password|passwd|credential|authorization|api_?key|signature).*");
    /** Named like a secret, but none: the type of an OAuth token ({@code Bearer}). */
    private static final Set<String> NOT_SECRET = Set.of("token_type");
    private static final Map<String, String> ID_FIELDS = Map.of("statement_id", "statement", "session_id", "session");

    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final Map<String, Integer> counters = new ConcurrentHashMap<>();

    /** Path and query with known ids replaced and secret-looking query parameters redacted. */
    String path(String pathAndQuery) {
        String path = replaceIds(pathAndQuery);
        int q = path.indexOf('?');
        if (q < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.substring(0, q + 1));
        String[] pairs = path.substring(q + 1).split("&");
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
            out.append(i == 0 ? "" : "&").append(SECRET_KEY.matcher(name).matches() && eq >= 0
                    ? name + "=" + REDACTED : pairs[i]);
        }
        return out.toString();
    }

    /** The path of a download URL, ids replaced; the query (the signature) is dropped. */
    String downloadPath(URI url) {
        return replaceIds(url.getRawPath() == null ? "/" : url.getRawPath());
    }

    private String replaceIds(String text) {
        String out = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            out = out.replace(id.getKey(), id.getValue());
        }
        return out;
    }

    /** A request body as recorded: ids replaced, idempotency tokens neutral, secrets redacted. */
    Object request(Object body) {
        return walk(body, null, false);
    }

    /** A response body as recorded: new ids named, links made portable, secrets redacted. */
    Object response(Object body) {
        name(body, null);
        return walk(body, null, true);
    }

    /** Names the ids of a response before anything is rewritten, so a link URL after them finds them known. */
    private void name(Object value, String key) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> name(v, String.valueOf(k)));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> name(item, key));
        } else if (value instanceof String text && key != null && ID_FIELDS.containsKey(key)) {
            String kind = ID_FIELDS.get(key);
            ids.computeIfAbsent(text, real -> kind + "-" + counters.merge(kind, 1, Integer::sum));
        }
    }

    private Object walk(Object value, String key, boolean response) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean link = map.containsKey("external_link");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (link && name.equals("http_headers")) {
                    continue;
                }
                Object v = e.getValue();
                if (link && name.equals("expiration") && v instanceof String) {
                    out.put(name, FAR_EXPIRATION);
                } else if (link && name.equals("external_link") && v instanceof String url) {
                    out.put(name, portableLink(url));
                } else {
                    out.put(name, walk(v, name, response));
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(walk(item, key, response)));
            return out;
        }
        if (value instanceof String text && key != null) {
            if (key.equals("idempotency_token")) {
                return IDEMPOTENCY_TOKEN;
            }
            String kind = ID_FIELDS.get(key);
            if (kind != null) {
                return response ? ids.computeIfAbsent(text, real -> kind + "-"
                        + counters.merge(kind, 1, Integer::sum)) : ids.getOrDefault(text, text);
            }
            if (response && isUrl(text) && (key.endsWith("_endpoint") || key.endsWith("_uri")
                    || key.equals("issuer") || signed(text))) {
                // OIDC discovery's endpoints and signed URLs in results: the server that answers serves them
                return portableLink(text);
            }
            if (SECRET_KEY.matcher(key).matches() && !NOT_SECRET.contains(key)
                    && !key.toLowerCase(Locale.ROOT).endsWith("_id")) {
                return REDACTED;
            }
            return ids.getOrDefault(text, text);
        }
        return value;
    }

    private static boolean isUrl(String text) {
        return text.startsWith("https://") || text.startsWith("http://");
    }

    /** A URL whose query carries a signature or a credential (a pre-signed volume or storage URL). */
    private static boolean signed(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            String name = pair.indexOf('=') < 0 ? pair : pair.substring(0, pair.indexOf('='));
            if (SECRET_KEY.matcher(name).matches() || name.equalsIgnoreCase("sig")
                    || name.regionMatches(true, 0, "X-Amz-", 0, 6) || name.regionMatches(true, 0, "X-Goog-", 0, 7)) {
                return true;
            }
        }
        return false;
    }

    private String portableLink(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException notAUri) {
            return REDACTED;
        }
        // whoever serves the recording serves the downloads too, by path: the workspace's origin or a storage
        // account's would only point a replay back at the network
        return BASE_URL + downloadPath(uri);
    }
}
