package dev.sluice.jdbc;

import java.io.IOException;
import java.net.URI;

/**
 * Shows the user the workspace's sign-in page for OAuth U2M ({@code AuthMech=11;Auth_Flow=2}). The driver uses
 * the first implementation that {@link java.util.ServiceLoader} finds (register it in
 * {@code META-INF/services/dev.sluice.jdbc.OAuthBrowser}); without one it opens the system browser through
 * {@code java.awt.Desktop}, or prints the URL to standard error when there is no desktop (headless servers,
 * containers). Plug one in where neither suits: a remote-desktop bridge, a tool's own web view, or a test that
 * follows the authorization redirect with an HTTP client.
 *
 * <p>Sign-in completes when the authorization server redirects the browser to the driver's loopback listener
 * ({@code http://localhost:<OAuth2RedirectUrlPort>}); implementations only need to bring the user, or an HTTP
 * client, to {@code authorizationUrl}. Implementations must have a public no-argument constructor and be
 * thread-safe.
 */
public interface OAuthBrowser {
    /**
     * Opens {@code authorizationUrl}. May return before the user has signed in; the driver waits for the
     * redirect for at most {@code OAuthWebServerTimeout} seconds.
     *
     * @throws IOException when the page cannot be shown; the driver then prints the URL and keeps waiting
     */
    void open(URI authorizationUrl) throws IOException;
}
