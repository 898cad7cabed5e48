package dev.sluice.jdbc.internal.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The listener the authorization server redirects the browser to (protocol §6.4 step 2): an HTTP server on
 * 127.0.0.1 only, which takes the first redirect that carries a code or an error, checks its state, answers the
 * browser with a short page and hands the code to the waiting sign-in.
 */
final class LoopbackRedirect implements AutoCloseable {
    private final HttpServer server;
    private final String expectedState;
    private final CompletableFuture<Secret> outcome = new CompletableFuture<>();

    private LoopbackRedirect(HttpServer server, String expectedState) {
        this.server = server;
        this.expectedState = expectedState;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 = any free port).
     *
     * @throws AuthenticationException when the port is taken: another program, or a sign-in of another process,
     *     holds it, and a redirect URI on another port would not match the one registered for the client
     */
    static LoopbackRedirect open(int port, String expectedState) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 4);
        } catch (BindException e) {
            throw new AuthenticationException("cannot listen for the OAuth redirect on 127.0.0.1:" + port
                    + " (" + e.getMessage() + "); close the program using it or set OAuth2RedirectUrlPort"
                    + " to a free port allowed for the OAuth client");
        }
        LoopbackRedirect listener = new LoopbackRedirect(server, expectedState);
        server.createContext("/", listener::handle);
        server.start();
        return listener;
    }

    /** {@code http://localhost:<port>}, the form registered for the Databricks JDBC client. */
    URI redirectUri() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /**
     * Waits for the redirect.
     *
     * @return the authorization code
     * @throws AuthenticationException when the redirect carried an error or a foreign state, or none came in time
     */
    Secret awaitCode(Duration timeout) throws IOException {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AuthenticationException("no OAuth sign-in completed within OAuthWebServerTimeout="
                    + timeout.toSeconds() + " s (the browser was not redirected to " + redirectUri() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("waiting for the OAuth sign-in was interrupted");
        } catch (ExecutionException e) {
            throw (AuthenticationException) e.getCause();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!"GET".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())
                    || !query.containsKey("code") && !query.containsKey("error")) {
                page(exchange, 404, "Not found", "This address only receives the Databricks sign-in redirect.");
                return;
            }
            if (outcome.isDone()) {
                page(exchange, 409, "Sign-in already handled", "You can close this tab.");
                return;
            }
            String error = query.get("error");
            if (error != null) {
                String description = query.get("error_description");
                fail("the OAuth sign-in was refused: " + error + (description == null ? "" : ": " + description));
                page(exchange, 400, "Sign-in failed", error + (description == null ? "" : ": " + description));
            } else if (!sameState(query.get("state"))) {
                fail("the OAuth redirect carried a state that this sign-in did not send; it was ignored");
                page(exchange, 400, "Sign-in failed", "The response does not belong to this sign-in request.");
            } else if (!acceptCode(query.get("code"))) {
                page(exchange, 400, "Sign-in failed", "The response carried no usable authorization code.");
            } else {
                page(exchange, 200, "Signed in", "Signed in to Databricks. You can close this tab and return to"
                        + " your application.");
            }
        }
    }

    private boolean acceptCode(String code) {
        try {
            return outcome.complete(Secret.of(code, "the authorization code"));
        } catch (IllegalArgumentException e) {
            fail("the OAuth redirect carried an unusable code: " + e.getMessage());
            return false;
        }
    }

    private void fail(String message) {
        outcome.completeExceptionally(new AuthenticationException(message));
    }

    private boolean sameState(String state) {
        return state != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                expectedState.getBytes(StandardCharsets.UTF_8));
    }

    private static void page(HttpExchange exchange, int status, String title, String text) throws IOException {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h2>" + escape(title)
                + "</h2><p>" + escape(text) + "</p></body></html>";
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed pair from some other page: it cannot be ours, so it is simply left out
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
