package dev.sluice.jdbc.internal.auth;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;

/** The system browser through AWT; loaded only once {@link Browsers} has seen that java.desktop exists. */
final class DesktopBrowser {
    private DesktopBrowser() {
    }

    /** @return false when there is no desktop to open it on (headless, or browsing unsupported) */
    static boolean browse(URI url) throws IOException {
        if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()
                || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            return false;
        }
        Desktop.getDesktop().browse(url);
        return true;
    }
}
