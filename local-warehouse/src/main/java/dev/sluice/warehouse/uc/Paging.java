package dev.sluice.warehouse.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Unity Catalog list paging ({@code protocol.md} §5): {@code max_results} unset means everything, 0 the server's
 * page, more than 0 at most that many (capped at the server's page), less than 0 is 400
 * {@code INVALID_PARAMETER_VALUE}; {@code next_page_token} is absent on the last page only.
 *
 * <p>Tokens are opaque to clients: they carry the list they belong to and the name of the last item sent, and the
 * next page starts after that name, so tables created or dropped between two pages neither repeat nor hide the
 * others. A token from another list, or one that is not ours, is 400 {@code INVALID_PARAMETER_VALUE}.
 */
final class Paging {
    /** The server's page size, and the most a page holds whatever {@code max_results} asks. */
    static final int SERVER_PAGE = 1000;

    private static final String VERSION = "p1";

    private Paging() {
    }

    /**
     * One page of {@code items} (sorted by {@code key}, names unique) under {@code field}.
     *
     * @param list what is listed, so that a token from another list is refused (e.g. {@code tables:c.s})
     */
    static <T> JsonNode page(Request r, String field, String list, List<T> items, Function<T, String> key,
                             Function<T, ObjectNode> render) {
        int size = size(r.query("max_results"));
        String after = after(r.query("page_token"), list);
        int from = 0;
        if (after != null) {
            while (from < items.size() && key.apply(items.get(from)).compareTo(after) <= 0) {
                from++;
            }
        }
        int to = Math.min(items.size(), size < 0 ? items.size() : from + size);
        ObjectNode out = Json.object();
        if (from < to) {
            ArrayNode array = out.putArray(field);
            for (T item : items.subList(from, to)) {
                array.add(render.apply(item));
            }
        }
        if (to < items.size()) {
            out.put("next_page_token", token(list, key.apply(items.get(to - 1))));
        }
        return out;
    }

    /** The page size asked for, or -1 for "everything". */
    private static int size(String maxResults) {
        if (maxResults == null) {
            return -1;
        }
        int m;
        try {
            m = Integer.parseInt(maxResults.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("max_results must be an integer, not '" + maxResults + "'");
        }
        if (m < 0) {
            throw ApiError.invalid("max_results must be greater than or equal to 0, not " + m);
        }
        return m == 0 ? SERVER_PAGE : Math.min(m, SERVER_PAGE);
    }

    private static String token(String list, String lastKey) {
        String text = VERSION + "\n" + list + "\n" + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The key the page starts after, or null for the first page. */
    private static String after(String token, String list) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("page_token is not valid");
        }
        String[] parts = text.split("\n", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
            throw ApiError.invalid("page_token is not valid");
        }
        if (!parts[1].equals(list)) {
            throw ApiError.invalid("page_token belongs to another listing");
        }
        return parts[2];
    }
}
