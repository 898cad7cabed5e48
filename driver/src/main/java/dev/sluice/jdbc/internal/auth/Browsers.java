package dev.sluice.jdbc.internal.auth;

import dev.sluice.jdbc.OAuthBrowser;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how the sign-in page is shown: a plugged-in {@link OAuthBrowser} (ServiceLoader, the driver's class
 * loader first, then the thread's context class loader), else the desktop browser, else the URL printed to
 * standard error and logged.
 */
final class Browsers {
    private static final Logger LOG = LoggerFactory.getLogger(Browsers.class);

    private Browsers() {
    }

    /** The plugged-in browser if there is one, else the system's. */
    static OAuthBrowser find() {
        OAuthBrowser plugged = first(ServiceLoader.load(OAuthBrowser.class, Browsers.class.getClassLoader()));
        if (plugged == null && Thread.currentThread().getContextClassLoader() != null) {
            plugged = first(ServiceLoader.load(OAuthBrowser.class, Thread.currentThread().getContextClassLoader()));
        }
        if (plugged != null) {
            LOG.debug("OAuth sign-in pages open through {}", plugged.getClass().getName());
            return plugged;
        }
        return Browsers::system;
    }

    /**
     * Opens {@code url} with {@code browser}; when that fails, prints it so that the user can open it by hand while
     * the driver keeps waiting.
     */
    static void show(OAuthBrowser browser, URI url) {
        try {
            browser.open(url);
            LOG.debug("opened the OAuth sign-in page {}", url);
        } catch (IOException | RuntimeException e) {
            LOG.debug("the browser could not open the sign-in page: {}", e.toString());
            print(url);
        }
    }

    private static void system(URI url) throws IOException {
        // java.desktop may be missing from a trimmed runtime: only a class loaded after this check touches AWT
        if (ModuleLayer.boot().findModule("java.desktop").isEmpty() || !DesktopBrowser.browse(url)) {
            print(url);
        }
    }

    private static void print(URI url) {
        String text = "To sign in to Databricks, open this address in a browser: " + url;
        System.err.println(text);
        LOG.info(text);
    }

    private static OAuthBrowser first(ServiceLoader<OAuthBrowser> loader) {
        try {
            Iterator<OAuthBrowser> it = loader.iterator();
            return it.hasNext() ? it.next() : null;
        } catch (ServiceConfigurationError e) {
            LOG.warn("ignoring an OAuthBrowser that cannot be loaded: {}", e.getMessage());
            return null;
        }
    }
}
