package dev.sluice.jdbc.internal.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a non-2xx response into an {@link ApiException}, reading every error body shape the services send:
 * {@code {"error_code": "X" | 401, "message": ...}}, legacy {@code {"error": ...}} (with OAuth's
 * {@code error_description}), SCIM {@code {detail, status, scimType}}, plain text {@code CODE: message}, HTML with a
 * {@code <pre>} block, cloud-storage XML {@code <Code>/<Message>}, and the empty body (status text).
 */
public final class ApiErrors {
    private static final Pattern CODE_PREFIX = Pattern.compile("^([A-Z][A-Z0-9_]{2,}):\\s*(.+)$", Pattern.DOTALL);
    private static final Pattern PRE = Pattern.compile("(?is)<pre[^>]*>(.*?)</pre>");
    private static final Pattern XML_CODE = Pattern.compile("(?s)<Code>(.*?)</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("(?s)<Message>(.*?)</Message>");
    private static final Pattern XML_DETAIL =
            Pattern.compile("(?s)<(Details|AuthenticationErrorDetail)>(.*?)</\\1>");

    private ApiErrors() {
    }

    /** The code and message read from an error body. */
    record ErrorBody(String errorCode, String message) {
    }

    /** The exception for a response; 404 on a statement-scoped call becomes {@link StatementGoneException}. */
    public static ApiException toException(int status, HttpHeaders headers, byte[] body, String method,
                                           String pathTemplate, String statementId) {
        ErrorBody parsed = parseBody(status, body);
        Duration retryAfter = headers.firstValue("Retry-After")
                .map(value -> parseRetryAfter(value, Clock.systemUTC())).orElse(null);
        ApiException exception = new ApiException(status, parsed.errorCode(), parsed.message(), retryAfter, method,
                pathTemplate);
        return status == 404 && statementId != null ? new StatementGoneException(statementId, exception) : exception;
    }

    /** Reads code and message from a body of any known shape; the message is redacted and never null. */
    static ErrorBody parseBody(int status, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        ErrorBody parsed = null;
        if (text.startsWith("{")) {
            parsed = parseJson(body);
        } else if (text.startsWith("<")) {
            parsed = parseMarkup(text);
        } else if (!text.isEmpty()) {
            parsed = parsePlain(text);
        }
        if (parsed == null || parsed.message() == null || parsed.message().isBlank()) {
            String code = parsed == null ? null : parsed.errorCode();
            return new ErrorBody(code, statusText(status));
        }
        return new ErrorBody(parsed.errorCode(), Redaction.redact(parsed.message().strip()));
    }

    private static ErrorBody parsePlain(String text) {
        Matcher matcher = CODE_PREFIX.matcher(text);
        return matcher.matches() ? new ErrorBody(matcher.group(1), matcher.group(2)) : new ErrorBody(null, text);
    }

    private static ErrorBody parseMarkup(String text) {
        Matcher pre = PRE.matcher(text);
        if (pre.find()) {
            return parsePlain(unescape(pre.group(1)).strip());
        }
        Matcher code = XML_CODE.matcher(text);
        if (code.find()) {
            // Cloud-storage errors: only Code, Message and the detail element; other elements (StringToSign,
            // CanonicalRequest, ...) can hold signed material.
            Matcher message = XML_MESSAGE.matcher(text);
            Matcher detail = XML_DETAIL.matcher(text);
            String msg = message.find() ? unescape(message.group(1)) : "";
            if (detail.find()) {
                msg = msg + (msg.isEmpty() ? "" : " ") + unescape(detail.group(2));
            }
            return new ErrorBody(unescape(code.group(1)), msg);
        }
        return null;
    }

    private static ErrorBody parseJson(byte[] body) {
        String errorCode = null;
        String message = null;
        String error = null;
        String errorDescription = null;
        String detail = null;
        String scimType = null;
        String scimStatus = null;
        try (JsonParser parser = SeaJson.FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                String value = parser.currentToken().isScalarValue() && parser.currentToken() != JsonToken.VALUE_NULL
                        ? parser.getText() : null;
                parser.skipChildren();
                switch (field) {
                    case "error_code", "errorCode" -> errorCode = value;
                    case "message", "errorSummary" -> message = message == null ? value : message;
                    case "error" -> error = value;
                    case "error_description" -> errorDescription = value;
                    case "detail" -> detail = value;
                    case "scimType" -> scimType = value;
                    case "status" -> scimStatus = value;
                    default -> {
                        // details, stack_trace and other fields add nothing a user can act on
                    }
                }
            }
        } catch (IOException malformed) {
            return parsePlain(new String(body, StandardCharsets.UTF_8).strip());
        }
        if (message != null || errorCode != null) {
            return new ErrorBody(errorCode, message);
        }
        if (errorDescription != null) {
            return new ErrorBody(error, errorDescription);
        }
        if (error != null) {
            return new ErrorBody(null, error);
        }
        if (detail != null) {
            return new ErrorBody(scimType != null ? scimType : scimStatus, detail);
        }
        return null;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    /**
     * The wait a {@code Retry-After} value asks for: integer seconds or an HTTP-date (a date in the past is zero);
     * null when unreadable.
     */
    static Duration parseRetryAfter(String value, Clock clock) {
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** The standard reason phrase (the JDK client does not expose the server's). */
    static String statusText(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP status " + status;
        };
    }

    /** True when a download failure says the pre-signed link has expired or was refused (403, 410, "expired"). */
    static boolean isExpiredLink(ApiException failure) {
        int status = failure.httpStatus();
        if (status == 403 || status == 410) {
            return true;
        }
        String text = (failure.errorCode() + " " + failure.serverMessage()).toLowerCase(Locale.ROOT);
        return status == 400 && text.contains("expire");
    }
}
