package dev.sluice.it.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the test JVM while open, with {@code dev.sluice} raised to TRACE: the formatted message, the
 * raw arguments and the whole stack trace text of an attached throwable. Close restores the previous level.
 */
final class LogCapture implements AutoCloseable {
    /** One captured event. */
    record Line(Level level, String logger, String thread, String message, String text) {
        /** Where the line came from, without its text (which may hold what a test looks for). */
        @Override
        public String toString() {
            return level + " " + logger + " [" + thread + "]";
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger sluice = (Logger) LoggerFactory.getLogger("dev.sluice");
    private final Level previous = sluice.getLevel();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            StringBuilder text = new StringBuilder(e.getFormattedMessage());
            if (e.getArgumentArray() != null) {
                text.append(' ').append(Arrays.deepToString(e.getArgumentArray()));
            }
            if (e.getThrowableProxy() != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
            synchronized (lines) {
                lines.add(new Line(e.getLevel(), e.getLoggerName(), e.getThreadName(), e.getFormattedMessage(),
                        text.toString()));
            }
        }
    };

    private LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.setName("sluice-test-capture");
        appender.start();
        root.addAppender(appender);
        sluice.setLevel(Level.TRACE);
    }

    /** Starts capturing. */
    static LogCapture start() {
        return new LogCapture();
    }

    /** What was captured so far. */
    List<Line> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** The captured events of {@code dev.sluice} loggers at exactly this level. */
    List<Line> sluice(Level level) {
        return lines().stream().filter(l -> l.level() == level && l.logger().startsWith("dev.sluice"))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        sluice.setLevel(previous);
        root.detachAppender(appender);
        appender.stop();
    }
}
