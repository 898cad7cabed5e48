package dev.sluice.it.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.sluice.testing.sea.QuietNotifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock proxy in front of the local warehouse that keeps every exchange, so a test knows the credentials and
 * links that really crossed the wire: the Authorization header values the driver sent (bearer tokens, the client
 * id and secret of HTTP Basic), the access tokens the token endpoint issued, and the external links of results.
 *
 * <p>The Host header is passed through, so OIDC discovery names token endpoints on this proxy and token requests
 * pass through it too. External links name the warehouse itself, so downloads go there directly.
 */
final class RecordingProxy implements AutoCloseable {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"(?:access_token|refresh_token|id_token)\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&#]+)");
    private static final Pattern EXTERNAL_LINK = Pattern.compile("\"external_link\"\\s*:\\s*\"([^\"]+)\"");

    private final WireMockServer server;

    RecordingProxy(String targetBaseUrl) {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .preserveHostHeader(true).notifier(new QuietNotifier()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(targetBaseUrl)));
    }

    String host() {
        return "127.0.0.1";
    }

    int port() {
        return server.port();
    }

    String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    /** Every credential in the Authorization headers sent through the proxy (decoded for Basic). */
    Set<String> sentCredentials() {
        Set<String> out = new LinkedHashSet<>();
        for (ServeEvent e : events()) {
            String authorization = e.getRequest().getHeader("Authorization");
            if (authorization == null) {
                continue;
            }
            int space = authorization.indexOf(' ');
            String credential = space < 0 ? authorization : authorization.substring(space + 1).strip();
            out.add(credential);
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                String pair = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
                out.add(pair.substring(pair.indexOf(':') + 1)); // the client secret
            }
        }
        return out;
    }

    /**
     * Tokens in every response body that passed through the proxy, and authorization codes in the redirects it
     * passed ({@code Location: ...?code=...}, the U2M sign-in).
     */
    Set<String> issuedTokens() {
        Set<String> out = matches(ACCESS_TOKEN);
        for (ServeEvent e : events()) {
            HttpHeaders headers = e.getResponse().getHeaders();
            HttpHeader location = headers == null ? null : headers.getHeader("Location");
            if (location != null && location.isPresent()) {
                Matcher m = CODE.matcher(location.firstValue());
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** External links in every response body that passed through the proxy. */
    Set<String> externalLinks() {
        return matches(EXTERNAL_LINK);
    }

    /** Bodies of every response that passed through the proxy. */
    List<String> responseBodies() {
        List<String> out = new ArrayList<>();
        for (ServeEvent e : events()) {
            out.add(e.getResponse().getBodyAsString());
        }
        return out;
    }

    private Set<String> matches(Pattern pattern) {
        Set<String> out = new LinkedHashSet<>();
        for (String body : responseBodies()) {
            Matcher m = pattern.matcher(body);
            while (m.find()) {
                out.add(m.group(1).replace("\\/", "/"));
            }
        }
        return out;
    }

    private List<ServeEvent> events() {
        return server.getAllServeEvents();
    }

    @Override
    public void close() {
        server.stop();
    }
}
