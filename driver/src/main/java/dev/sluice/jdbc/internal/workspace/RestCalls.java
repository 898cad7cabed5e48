package dev.sluice.jdbc.internal.workspace;

import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.internal.client.ApiErrors;
import dev.sluice.jdbc.internal.client.ApiException;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.resilience.CallKind;
import dev.sluice.jdbc.internal.resilience.ErrorTable;
import dev.sluice.jdbc.internal.resilience.Resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * JSON REST calls of one workspace service over the connection's transport and error table: every REST client
 * beside SQL (Jobs, Workspace, Unity Catalog, Files, ...) is built on one of these, so all are retried, counted,
 * traced and broken-circuit alike, and all fail with a {@link WorkspaceException} keeping the server's answer.
 */
public final class RestCalls {
    /** Turns the server's error answer into the exception a service's callers see. */
    @FunctionalInterface
    public interface ErrorMapper {
        WorkspaceException map(ApiException error);
    }

    private final HttpTransport transport;
    private final Resilience resilience;
    private final ErrorMapper errors;

    public RestCalls(HttpTransport transport, Resilience resilience) {
        this(transport, resilience, e -> new WorkspaceException(e.getMessage(), e.httpStatus(), e.errorCode(),
                e.serverMessage(), e));
    }

    public RestCalls(HttpTransport transport, Resilience resilience, ErrorMapper errors) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.resilience = Objects.requireNonNull(resilience, "resilience is null");
        this.errors = Objects.requireNonNull(errors, "errors is null");
    }

    public HttpTransport transport() {
        return transport;
    }

    public Resilience resilience() {
        return resilience;
    }

    /** A query-string value, URL encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * One JSON call, retried as IDEMPOTENT by the error table: reads, deletes and cancels are; a call that creates
     * something must be made idempotent by the caller (a token, a name) before it comes here.
     *
     * @param template the path without variable parts' values where it has any (it names the call in metrics and
     *     traces), e.g. {@code /api/2.1/unity-catalog/tables/{name}}; {@code path} is the real one
     * @return the answer's JSON object, empty for an empty body
     */
    public Map<String, Object> call(String method, String path, String template, String query,
                                    Map<String, ?> body) throws IOException {
        String target = query == null || query.isEmpty() ? path : path + "?" + query;
        byte[] json = body == null ? null : RestJson.write(body);
        String what = method + " " + template;
        try {
            byte[] answer = resilience.call(CallKind.IDEMPOTENT, what, () -> {
                HttpResponse<byte[]> response = transport.send(method, target, template, json);
                if (response.statusCode() / 100 == 2) {
                    return response.body();
                }
                throw ApiErrors.toException(response.statusCode(), response.headers(), response.body(), method,
                        template, null);
            });
            return answer == null || answer.length == 0 ? new LinkedHashMap<>() : RestJson.read(answer, what);
        } catch (ApiException e) {
            throw errors.map(e);
        }
    }

    /** The largest error body read from a streamed answer; an error body is JSON of a few hundred bytes. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    /**
     * One call whose request body and answer are streamed (file contents): the answer is returned once its headers
     * arrived with a 2xx status, its body still to be read and closed by the caller; any other status is read (at
     * most {@value #MAX_ERROR_BODY} bytes), closed and thrown as a {@link WorkspaceException}.
     *
     * <p>Retries follow the error table as for {@link #call}, up to the response headers (a body that breaks while
     * being read is the caller's to resume, e.g. by a ranged GET). A body that cannot be sent twice
     * ({@code repeatable} false: a one-shot {@link InputStream}) is never repeated: a failure the table would retry
     * is thrown at once, saying why.
     *
     * @param headers request headers beside the driver's own
     * @param body the request body, or null for none
     * @param repeatable true when {@code body} re-opens its source on every subscription (a file), or is null
     */
    public HttpResponse<InputStream> stream(String method, String path, String template, String query,
                                            Map<String, String> headers, HttpRequest.BodyPublisher body,
                                            boolean repeatable) throws IOException {
        String target = query == null || query.isEmpty() ? path : path + "?" + query;
        String what = method + " " + template;
        try {
            return resilience.call(CallKind.IDEMPOTENT, what, () -> {
                try {
                    HttpResponse<InputStream> response = transport.stream(method, target, template, headers, body,
                            repeatable);
                    if (response.statusCode() / 100 == 2) {
                        return response;
                    }
                    byte[] error;
                    try (InputStream in = response.body()) {
                        error = in.readNBytes(MAX_ERROR_BODY);
                    }
                    throw ApiErrors.toException(response.statusCode(), response.headers(), error, method, template,
                            null);
                } catch (IOException e) {
                    if (repeatable || body == null || ErrorTable.classify(e) == ErrorTable.NOT_RETRYABLE) {
                        throw e;
                    }
                    String note = " (not repeated: the body came from a one-shot InputStream, which cannot be sent"
                            + " again; upload from a file to have it retried)";
                    if (e instanceof ApiException api) {
                        WorkspaceException mapped = errors.map(api);
                        throw new WorkspaceException(mapped.getMessage() + note, mapped.httpStatus(),
                                mapped.errorCode(), mapped.serverMessage(), api);
                    }
                    throw new IOException(what + " failed: " + e.getMessage() + note, e);
                }
            });
        } catch (ApiException e) {
            throw errors.map(e);
        }
    }

    /** {@link #call} where the path has no variable part. */
    public Map<String, Object> call(String method, String path, String query, Map<String, ?> body)
            throws IOException {
        return call(method, path, path, query, body);
    }

    /** One page of a paged list: its items and the token of the next page (null on the last). */
    public record Page(List<Map<String, Object>> items, String nextToken) {
    }

    /** Fetches one page given the token of the previous answer (empty for the first page). */
    @FunctionalInterface
    public interface PageFetcher {
        Page fetch(String pageToken) throws IOException;
    }

    /**
     * The items of a paged list as a lazy stream: a page is fetched when the stream reaches it (an empty page with
     * a next token is skipped, as list APIs may send one); a token sent twice ends the list instead of looping. A
     * failure to read a page is an {@link UncheckedIOException} around the cause.
     */
    public static Stream<Map<String, Object>> pages(PageFetcher fetcher) {
        Objects.requireNonNull(fetcher, "fetcher is null");
        Iterator<Map<String, Object>> items = new Iterator<>() {
            private List<Map<String, Object>> page = List.of();
            private int index;
            private String token = "";
            private boolean last;

            @Override
            public boolean hasNext() {
                while (index >= page.size() && !last) {
                    fetch();
                }
                return index < page.size();
            }

            private void fetch() {
                try {
                    Page answer = fetcher.fetch(token);
                    page = answer.items();
                    index = 0;
                    String next = answer.nextToken();
                    last = next == null || next.isEmpty() || next.equals(token);
                    token = last ? token : next;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(index++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED), false);
    }

    /**
     * The usual shape of a paged GET: {@code query} plus {@code page_token}, items under {@code field}, the next
     * token in {@code next_page_token} ({@code has_more: false} also ends the list).
     */
    public Stream<Map<String, Object>> pagedGet(String path, String template, String query, String field) {
        return pages(token -> {
            String q = query == null ? "" : query;
            if (!token.isEmpty()) {
                q = (q.isEmpty() ? "" : q + "&") + "page_token=" + encode(token);
            }
            Map<String, Object> answer = call("GET", path, template, q, null);
            String next = Boolean.FALSE.equals(answer.get("has_more")) ? null
                    : RestJson.string(answer, "next_page_token");
            return new Page(RestJson.objects(answer, field), next);
        });
    }
}
