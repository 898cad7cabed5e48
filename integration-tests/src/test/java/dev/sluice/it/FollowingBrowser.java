package dev.sluice.it;

import dev.sluice.jdbc.OAuthBrowser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The "browser" of the U2M tests, plugged in through {@code META-INF/services/dev.sluice.jdbc.OAuthBrowser}: it
 * does what a user's browser does against the local warehouse, which approves at once: GET the authorization URL,
 * follow its redirect to the driver's loopback listener. It counts how often the driver needed it.
 */
public final class FollowingBrowser implements OAuthBrowser {
    private static final AtomicInteger OPENED = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static volatile String lastPage = "";

    /** How many sign-in pages the driver has opened in this JVM. */
    static int opened() {
        return OPENED.get();
    }

    /** What the driver's listener showed the browser last. */
    static String lastPage() {
        return lastPage;
    }

    @Override
    public void open(URI authorizationUrl) throws IOException {
        OPENED.incrementAndGet();
        try {
            HttpResponse<Void> approval = HTTP.send(HttpRequest.newBuilder(authorizationUrl).build(),
                    HttpResponse.BodyHandlers.discarding());
            String location = approval.headers().firstValue("Location")
                    .orElseThrow(() -> new IOException("the authorize endpoint answered " + approval.statusCode()
                            + " without a redirect"));
            lastPage = HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
