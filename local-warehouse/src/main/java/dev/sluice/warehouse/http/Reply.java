package dev.sluice.warehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answer to a parked request ({@link Request#park()}): sent once, from whichever thread has it first, after the
 * HTTP thread that read the request has gone back to the pool. The JDK server lets any thread finish an exchange;
 * this class makes sure only one does.
 */
public final class Reply {

    private final HttpExchange exchange;
    private final boolean dropAfter;
    private final AtomicBoolean sent = new AtomicBoolean();
    private final Runnable onSent;

    Reply(HttpExchange exchange, boolean dropAfter, Runnable onSent) {
        this.exchange = exchange;
        this.dropAfter = dropAfter;
        this.onSent = onSent;
    }

    /** Answers 200 with the body; false when an answer was already sent. */
    public boolean json(JsonNode body) {
        if (!sent.compareAndSet(false, true)) {
            return false;
        }
        onSent.run();
        try (exchange) {
            if (!dropAfter) {
                Responses.json(exchange, 200, body);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away while it waited; nothing more to do
        }
        return true;
    }

    /** Answers with the error; false when an answer was already sent. */
    public boolean error(ApiError error) {
        if (!sent.compareAndSet(false, true)) {
            return false;
        }
        onSent.run();
        try (exchange) {
            if (!dropAfter) {
                Responses.error(exchange, error);
            }
        } catch (IOException | RuntimeException e) {
            // as above
        }
        return true;
    }

    /** Answers 500 for a failure while preparing the answer, as the synchronous path does. */
    public boolean fail(Throwable t) {
        if (t instanceof ApiError e) {
            return error(e);
        }
        System.err.println("Internal error while answering " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI().getPath() + ": " + t);
        t.printStackTrace();
        return error(new ApiError(500, "INTERNAL_ERROR",
                "Internal error while handling the request (" + t.getClass().getSimpleName() + ")"));
    }

    public boolean sent() {
        return sent.get();
    }
}
