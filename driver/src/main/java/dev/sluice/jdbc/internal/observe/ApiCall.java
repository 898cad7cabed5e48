package dev.sluice.jdbc.internal.observe;

import java.io.IOException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * What the driver records about one REST API call: a {@code databricks.api.request} span that is current while the
 * call runs (so the {@code traceparent} sent names it), one {@code databricks_api_requests_total} count per HTTP
 * exchange, {@code databricks_rate_limits_total} for each 429, and the bodies at TRACE, redacted.
 *
 * <p>Used through {@link #observe}, on one thread: the exchanges report each response with {@link #responded};
 * a failure and the end of the span are recorded by {@code observe}.
 */
public final class ApiCall {
    /** The {@code status_code} label of an exchange that got no HTTP response. */
    public static final String NO_RESPONSE = "none";

    private final String method;
    private final String endpoint;
    private final TraceSpan span;
    private final TraceScope scope;
    private int lastStatus = -1;

    private ApiCall(String method, String endpoint, TraceSpan span) {
        this.method = method;
        this.endpoint = endpoint;
        this.span = span;
        this.scope = span.makeCurrent();
    }

    /**
     * @param pathTemplate the path with placeholders ({@code /api/2.0/sql/statements/{statement_id}}); a query
     *     part is dropped from the labels
     */
    private static ApiCall start(String method, String pathTemplate, String host, int port) {
        Objects.requireNonNull(method, "method is null");
        String endpoint = endpointOf(Objects.requireNonNull(pathTemplate, "pathTemplate is null"));
        return new ApiCall(method, endpoint, Telemetry.tracing().startApiRequest(method, endpoint, host, port));
    }

    /** The exchanges of one call, which report each response to the call they are given. */
    @FunctionalInterface
    public interface Exchanges<T> {
        T run(ApiCall call) throws IOException;
    }

    /**
     * Runs the exchanges of one call under its span: a failure is recorded on the call and rethrown, and the span
     * ends whatever happens.
     */
    public static <T> T observe(String method, String pathTemplate, String host, int port, Exchanges<T> exchanges)
            throws IOException {
        ApiCall call = start(method, pathTemplate, host, port);
        try {
            return exchanges.run(call);
        } catch (IOException | RuntimeException e) {
            call.failed(e);
            throw e;
        } finally {
            call.end();
        }
    }

    static String endpointOf(String pathTemplate) {
        int query = pathTemplate.indexOf('?');
        return query < 0 ? pathTemplate : pathTemplate.substring(0, query);
    }

    /** Adds the W3C trace context of the current span to a request being built. */
    public static void injectTraceContext(BiConsumer<String, String> header) {
        Telemetry.tracing().inject(header);
    }

    /** One exchange ended with an HTTP response. Bodies are only read when TRACE is on. */
    public void responded(int status, byte[] requestBody, byte[] responseBody) {
        responded(status);
        Payloads.trace(method + " " + endpoint, status, requestBody, responseBody);
    }

    /**
     * One exchange ended with an HTTP response whose bodies are never traced: those of OAuth token endpoints carry
     * nothing but credentials.
     */
    public void responded(int status) {
        Meters meters = Telemetry.meters();
        meters.apiRequest(method, endpoint, Integer.toString(status));
        if (status == 429) {
            meters.rateLimited(method, endpoint);
        }
        span.attribute("http.response.status_code", status);
        lastStatus = status;
    }

    /** The call failed without a response (or before a request could be sent). */
    private void failed(Exception e) {
        Telemetry.meters().apiRequest(method, endpoint, NO_RESPONSE);
        span.failed(e.getClass().getSimpleName());
        lastStatus = 0;
    }

    /** Ends the span and restores the previous current span. */
    private void end() {
        if (lastStatus >= 400) {
            span.failed(Integer.toString(lastStatus));
        }
        scope.close();
        span.end();
    }
}
