package dev.sluice.warehouse.http;

import com.sun.net.httpserver.Headers;
import java.util.Locale;
import java.util.Set;

/**
 * What a request must look like before any handler sees it, so that a web page in the developer's browser
 * cannot use the warehouse: the {@code Host} must name this machine (a foreign name means DNS rebinding), a
 * browser's cross-origin request ({@code Origin} of another site, {@code Sec-Fetch-Site: cross-site}) is
 * refused, and a JSON endpoint takes only JSON bodies, so that a form or {@code text/plain} post, which a
 * browser sends without asking first, never reaches it.
 */
final class RequestGuard {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> boundHosts;

    /** @param boundAddress the literal address the server listens on, e.g. {@code 127.0.0.1} */
    RequestGuard(String boundAddress) {
        String bound = boundAddress.contains(":") ? "[" + boundAddress + "]" : boundAddress;
        this.boundHosts = Set.of(bound.toLowerCase(Locale.ROOT));
    }

    /**
     * Refuses the request unless its Host names this machine and any origin it carries is the Host's own; throws
     * the ApiError to answer. The port of the Host is not compared: relays and proxies in front of the warehouse
     * (TLS fronts in tests) keep their own, and a rebinding page is caught by its name alone.
     */
    void checkOrigin(Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || !allowedHost(host.strip())) {
            throw new ApiError(403, "PERMISSION_DENIED", "Host '" + (host == null ? "" : abbreviate(host))
                    + "' is not this warehouse: use localhost, 127.0.0.1 or [::1]"
                    + " (a foreign Host is refused as a DNS rebinding attempt).");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !origin.strip().equalsIgnoreCase("http://" + host.strip())
                && !origin.strip().equalsIgnoreCase("https://" + host.strip())) {
            throw new ApiError(403, "PERMISSION_DENIED", "Cross-origin requests are refused: Origin '"
                    + abbreviate(origin) + "' is not this warehouse.");
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && site.strip().equalsIgnoreCase("cross-site")) {
            throw new ApiError(403, "PERMISSION_DENIED", "Cross-site requests are refused (Sec-Fetch-Site: cross-site).");
        }
    }

    /**
     * Refuses a body whose declared type is not JSON on an endpoint that reads JSON. A request without a body or
     * without a Content-Type passes (non-browser clients such as curl -X DELETE); browsers always declare the
     * type of a string or form body.
     */
    static void checkJsonBody(Headers headers) {
        String type = headers.getFirst("Content-Type");
        if (type == null || type.isBlank() || !hasBody(headers)) {
            return;
        }
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.endsWith("+json")) {
            throw new ApiError(415, "INVALID_PARAMETER_VALUE", "Content-Type '" + abbreviate(type)
                    + "' is not accepted here: send the body as application/json.");
        }
    }

    private static boolean hasBody(Headers headers) {
        String length = headers.getFirst("Content-Length");
        if (length != null) {
            return !length.strip().equals("0");
        }
        return headers.getFirst("Transfer-Encoding") != null;
    }

    private boolean allowedHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        String name = h;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = h.substring(0, end + 1);
            if (!validPort(h.substring(end + 1))) {
                return false;
            }
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0) {
                if (!validPort(h.substring(colon))) {
                    return false;
                }
                name = h.substring(0, colon);
            }
        }
        return LOOPBACK_NAMES.contains(name) || boundHosts.contains(name);
    }

    /** Empty, or a colon and one to five digits. */
    private static boolean validPort(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
    }
}
