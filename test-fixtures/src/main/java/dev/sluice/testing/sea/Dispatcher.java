package dev.sluice.testing.sea;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one WireMock extension: every request reaches the catch-all stub and is answered here, so stateful flows
 * live in plain Java instead of WireMock scenarios. Order: record, intercepts, authentication, endpoint.
 */
final class Dispatcher implements ResponseTransformerV2 {

    private final Journal journal;
    private final Intercepts intercepts;
    private final Sessions sessions;
    private final Statements statements;
    private final StatementEndpoints endpoints;
    private final Links links;
    private final Pauses pauses;
    private final Authentication authentication;

    /** Who may call the API; volatile fields because tests change them while the server runs. */
    static final class Authentication {
        private volatile boolean required = true;
        private volatile String expectedToken;

        void required(boolean value) {
            required = value;
        }

        /** The token to accept, or null to accept any bearer token. */
        void expectedToken(String token) {
            expectedToken = token;
        }

        String expectedToken() {
            return expectedToken;
        }

        /** 401 without a bearer credential, 403 for the wrong token, else null. */
        HttpReply check(RecordedRequest request) {
            if (!required || !Route.isApiPath(request.path())) {
                return null;
            }
            String authorization = request.header("Authorization");
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return HttpReply.unauthorized();
            }
            String expected = expectedToken;
            boolean accepted = expected == null || expected.equals(authorization.substring(7).trim());
            return accepted ? null : HttpReply.forbidden();
        }
    }

    Dispatcher(Journal journal, Intercepts intercepts, Sessions sessions, Statements statements,
               StatementEndpoints endpoints, Links links, Pauses pauses, Authentication authentication) {
        this.journal = journal;
        this.intercepts = intercepts;
        this.sessions = sessions;
        this.statements = statements;
        this.endpoints = endpoints;
        this.links = links;
        this.pauses = pauses;
        this.authentication = authentication;
    }

    @Override
    public String getName() {
        return "sluice-scripted-warehouse";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        long arrival = pauses.generation();
        RecordedRequest request = journal.record(event.getRequest());
        HttpReply reply;
        try {
            reply = handle(request, arrival);
        } catch (RuntimeException e) {
            reply = HttpReply.internalError("ScriptedWarehouse failed on " + request + ": " + e);
        }
        return toWireMock(reply, arrival);
    }

    private HttpReply handle(RecordedRequest request, long arrival) {
        Intercepts.Rule rule = intercepts.take(request);
        if (rule != null && rule.action() == Intercepts.Action.REPLY) {
            return rule.reply();
        }
        if (rule != null && rule.action() == Intercepts.Action.DELAY) {
            pauses.pause(rule.delay(), arrival);
        }
        HttpReply reply = route(request, arrival);
        boolean truncate = rule != null && rule.action() == Intercepts.Action.TRUNCATE;
        return truncate ? reply.truncatedTo(rule.keepBytes()) : reply;
    }

    private HttpReply route(RecordedRequest request, long arrival) {
        if (request.endpoint() == Endpoint.DOWNLOAD) {
            return links.download(request, statements);
        }
        if (request.endpoint() == Endpoint.OTHER) {
            return HttpReply.error(404, "ENDPOINT_NOT_FOUND",
                    "No API found for '" + request.method() + " " + request.path() + "'");
        }
        HttpReply refused = authentication.check(request);
        if (refused != null) {
            return refused;
        }
        Route route = request.route();
        return switch (route.endpoint()) {
            case CREATE_SESSION -> createSession(request);
            case DELETE_SESSION -> deleteSession(route.sessionId());
            case EXECUTE_STATEMENT -> endpoints.execute(request, arrival);
            case GET_STATEMENT -> endpoints.get(route.statementId());
            case CANCEL_STATEMENT -> endpoints.cancel(route.statementId());
            case CLOSE_STATEMENT -> endpoints.close(route.statementId());
            case GET_CHUNK -> endpoints.chunk(route.statementId(), route.chunkIndex());
            default -> throw new IllegalStateException("unrouted endpoint " + route.endpoint());
        };
    }

    private HttpReply createSession(RecordedRequest request) {
        if (request.body().length > 0 && request.json() == null) {
            return HttpReply.badRequest("Malformed request: the body must be a JSON object.");
        }
        SessionRequest session = new SessionRequest(request);
        if (session.warehouseId() == null || session.warehouseId().isEmpty()) {
            return HttpReply.badRequest("warehouse_id is required.");
        }
        String id = sessions.create(session);
        return StatementEndpoints.ok(Json.object().put("session_id", id));
    }

    private HttpReply deleteSession(String id) {
        return sessions.delete(id)
                ? StatementEndpoints.ok(Json.object())
                : HttpReply.notFound("Session " + id + " does not exist.");
    }

    private Response toWireMock(HttpReply reply, long arrival) {
        if (!reply.delay().isZero()) {
            pauses.pause(reply.delay(), arrival);
        }
        Response.Builder response = new Response.Builder().status(reply.status()).configured(true);
        if (reply.fault() != null) {
            return response.fault(reply.fault()).build();
        }
        List<HttpHeader> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            headers.add(new HttpHeader(header.getKey(), header.getValue()));
        }
        byte[] body = reply.bodyBytes();
        int keep = reply.truncateAt();
        if (keep >= 0 && keep < body.length) {
            // Jetty sends the declared length, writes fewer bytes and closes: a body broken mid-transfer.
            headers.add(new HttpHeader("Content-Length", Integer.toString(body.length)));
            body = Arrays.copyOf(body, keep);
        }
        return response.headers(new HttpHeaders(headers)).body(body).build();
    }
}
