package dev.sluice.jdbc.internal.simulate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One recorded exchange, already normalised.
 *
 * @param method HTTP method
 * @param url the path and query as matched ({@code url} in WireMock) or, for a download, the path only
 *     ({@code urlPath})
 * @param download true for an external-link download, matched on its path alone
 * @param matched the request body fields a replay compares, or null for a request without a JSON body
 * @param status the response status
 * @param headers the response headers kept (content type, Retry-After)
 * @param json the response body when it is JSON, else null
 * @param body the response body when it is not JSON (an Arrow chunk) and held in memory, else null
 * @param bodyFile the name under {@code __files} of a response body kept on disk (a streamed one, or any body read
 *     back from a recording), else null
 */
record Exchange(String method, String url, boolean download, Map<String, Object> matched, int status,
                Map<String, String> headers, Object json, byte[] body, String bodyFile) {

    /** What a replay looks requests up by. */
    String key() {
        return key(method, url, matched);
    }

    static String key(String method, String url, Map<String, Object> matched) {
        return method + " " + url + (matched == null ? "" : " " + Json.canonical(matched));
    }

    /** The fields of a normalised request body a replay compares: all but those that vary from run to run. */
    static Map<String, Object> matchedFields(Object normalisedBody) {
        Map<String, Object> object = Json.object(normalisedBody);
        if (object == null) {
            return normalisedBody == null ? null : Map.of("", normalisedBody);
        }
        Map<String, Object> matched = new LinkedHashMap<>(object);
        matched.keySet().removeAll(Normaliser.NOT_MATCHED);
        return matched;
    }
}
