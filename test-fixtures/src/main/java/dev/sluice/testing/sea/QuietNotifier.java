package dev.sluice.testing.sea;

import com.github.tomakehurst.wiremock.common.Notifier;

/**
 * Keeps a WireMock server silent: tests read its recordings, not console output. Give it to
 * {@code WireMockConfiguration.notifier(...)}.
 */
public final class QuietNotifier implements Notifier {
    @Override
    public void info(String message) {
        // silent on purpose
    }

    @Override
    public void error(String message) {
        // silent on purpose
    }

    @Override
    public void error(String message, Throwable t) {
        // silent on purpose
    }
}
