package dev.sluice.testing.sea;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Every request the server received, in arrival order, recorded before it is answered. */
final class Journal {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private long sequence;

    /** Records a WireMock request and returns its immutable copy. */
    synchronized RecordedRequest record(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.computeIfAbsent(header.key(), name -> new ArrayList<>()).addAll(header.values());
        }
        RecordedRequest recorded = new RecordedRequest(++sequence, Instant.now(), request.getMethod().getName(),
                request.getUrl(), headers, request.getBody());
        requests.add(recorded);
        notifyAll();
        return recorded;
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized List<RecordedRequest> filter(Predicate<RecordedRequest> predicate) {
        return requests.stream().filter(predicate).toList();
    }

    /** Waits until {@code count} recorded requests match; false when {@code maxMillis} passed first. */
    synchronized boolean await(Predicate<RecordedRequest> predicate, int count, long maxMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (count(predicate) < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }

    synchronized int count(Predicate<RecordedRequest> predicate) {
        return (int) requests.stream().filter(predicate).count();
    }

    synchronized void clear() {
        requests.clear();
        sequence = 0;
    }
}
