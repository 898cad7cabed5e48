package dev.sluice.jdbc.internal.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The server answered a request with a non-2xx status.
 *
 * <p>The message names the method and the path template (never a full external-link URL), the status, the
 * error code and the server's message with credentials masked.
 */
public class ApiException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;
    private final String serverMessage;
    private final Duration retryAfter;
    private final String method;
    private final String pathTemplate;

    /**
     * @param httpStatus the HTTP status
     * @param errorCode the {@code error_code} (or its equivalent in other body shapes) as text, or null
     * @param serverMessage the server's message, already redacted; never null
     * @param retryAfter the wait the server asked for with {@code Retry-After}, or null
     * @param method the HTTP method
     * @param pathTemplate the path with placeholders, such as {@code /api/2.0/sql/statements/{statement_id}}
     */
    public ApiException(int httpStatus, String errorCode, String serverMessage, Duration retryAfter, String method,
                        String pathTemplate) {
        super(describe(httpStatus, errorCode, serverMessage, retryAfter, method, pathTemplate));
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.serverMessage = Objects.requireNonNull(serverMessage, "serverMessage is null");
        this.retryAfter = retryAfter;
        this.method = Objects.requireNonNull(method, "method is null");
        this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate is null");
    }

    private static String describe(int status, String code, String message, Duration retryAfter, String method,
                                   String pathTemplate) {
        StringBuilder text = new StringBuilder().append("HTTP ").append(status);
        // {"error_code": 403} says no more than the status, and would read "HTTP 403 403"
        if (code != null && !code.equals(String.valueOf(status))) {
            text.append(' ').append(code);
        }
        text.append(" on ").append(method).append(' ').append(pathTemplate).append(": ").append(message);
        if (retryAfter != null) {
            text.append(" (retry after ").append(retryAfter.toMillis()).append(" ms)");
        }
        return text.toString();
    }

    /** The HTTP status. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The error code as text ({@code RESOURCE_EXHAUSTED}, {@code 403}, ...), or null when the body had none. */
    public String errorCode() {
        return errorCode;
    }

    /** The server's message with credentials masked; the status text when the body said nothing. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The wait requested by {@code Retry-After}, or null when the header was absent or unreadable. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The HTTP method of the failed request. */
    public String method() {
        return method;
    }

    /** The path template of the failed request, or {@code {external_link}} for downloads. */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * True when the response proves that the server did not accept the request, so that even a statement
     * submission may be sent again: 429, 503 with {@code Retry-After}, and client errors other than 408
     * (the request was rejected before anything ran).
     */
    public boolean notAccepted() {
        if (httpStatus == 429 || (httpStatus == 503 && retryAfter != null)) {
            return true;
        }
        return httpStatus >= 400 && httpStatus < 500 && httpStatus != 408;
    }
}
