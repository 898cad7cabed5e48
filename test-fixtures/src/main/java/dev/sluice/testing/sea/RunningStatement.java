package dev.sluice.testing.sea;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One statement the server accepted: its script, its request, and where it is in its lifecycle. The state
 * machine is described on {@link StatementScript}; all mutation happens under this object's monitor.
 */
final class RunningStatement {

    private final String id;
    private final StatementScript script;
    private final StatementRequest request;
    private final long startNanos;
    private final int[] linkIssues;
    private final byte[][] servedPayloads;
    private int observations;
    private StatementState terminal;
    private boolean closed;

    RunningStatement(String id, StatementScript script, StatementRequest request) {
        this.id = Objects.requireNonNull(id, "id is null");
        this.script = Objects.requireNonNull(script, "script is null");
        this.request = Objects.requireNonNull(request, "request is null");
        this.startNanos = System.nanoTime();
        int chunks = script.result() == null ? 0 : script.result().chunkCount();
        this.linkIssues = new int[chunks];
        this.servedPayloads = new byte[chunks][];
    }

    String id() {
        return id;
    }

    StatementScript script() {
        return script;
    }

    StatementRequest request() {
        return request;
    }

    /** The result of a SUCCEEDED script, or null. */
    Result result() {
        return script.result();
    }

    /** Reports the state to a client: the POST and each GET are one observation each. */
    synchronized StatementState report() {
        if (closed) {
            return StatementState.CLOSED;
        }
        if (terminal != null) {
            return terminal;
        }
        StatementState state = scripted(observations);
        observations++;
        if (state.isTerminal()) {
            terminal = state;
        }
        return state;
    }

    /** The state the statement is in now, without counting as an observation. */
    synchronized StatementState current() {
        if (closed) {
            return StatementState.CLOSED;
        }
        if (terminal != null) {
            return terminal;
        }
        StatementState state = scripted(Math.max(0, observations - 1));
        if (state.isTerminal()) {
            terminal = state;
        }
        return state;
    }

    /** Cancels unless the statement already reached a terminal state; true when it turned CANCELED. */
    synchronized boolean cancel() {
        if (current().isTerminal()) {
            return false;
        }
        terminal = StatementState.CANCELED;
        return true;
    }

    /** Closes: cancels a running statement and releases the results; later GETs report CLOSED. */
    synchronized void close() {
        cancel();
        closed = true;
    }

    /**
     * Time left until a {@link StatementScript.Builder#completesAfter} script reaches its outcome, or null when
     * the script completes by polls or never.
     */
    Duration untilCompletion() {
        if (script.completesAfter() == null || script.outcomeState() == null) {
            return null;
        }
        Duration left = script.completesAfter().minusNanos(System.nanoTime() - startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Counts one more link issued for the chunk and returns how many were issued before it. */
    synchronized int issueLink(int chunk) {
        return linkIssues[chunk]++;
    }

    /** Whether byte payloads are LZ4-framed for this request. */
    boolean compresses() {
        Result result = result();
        if (result == null || !result.hasBytePayloads()) {
            return false;
        }
        Compression compression = result.compression();
        return compression == Compression.LZ4_FRAME
                || compression == Compression.AS_REQUESTED && "LZ4_FRAME".equals(request.resultCompression());
    }

    /** The manifest's {@code result_compression}: what was applied, or null when the request named no codec. */
    String compressionField() {
        if (compresses()) {
            return "LZ4_FRAME";
        }
        return request.has("result_compression") ? "NONE" : null;
    }

    /** The bytes served for a chunk: the payload, LZ4-framed when {@link #compresses()}; computed once. */
    synchronized byte[] servedPayload(int chunk) {
        if (servedPayloads[chunk] == null) {
            byte[] payload = result().byteChunk(chunk).payloadBytes();
            servedPayloads[chunk] = compresses() ? Lz4Frames.compress(payload) : payload;
        }
        return servedPayloads[chunk];
    }

    /** The format the manifest announces: the result's own, else the requested one, else JSON_ARRAY. */
    ResultFormat format() {
        Result result = result();
        if (result != null && result.format() != null) {
            return result.format();
        }
        String requested = request.format();
        for (ResultFormat format : ResultFormat.values()) {
            if (format.name().equals(requested)) {
                return format;
            }
        }
        return ResultFormat.JSON_ARRAY;
    }

    private StatementState scripted(int observation) {
        StatementState outcome = script.outcomeState();
        List<StatementState> progress = script.progress();
        if (script.completesAfter() != null) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            if (outcome != null && elapsed.compareTo(script.completesAfter()) >= 0) {
                return outcome;
            }
            return progress.isEmpty()
                    ? StatementState.RUNNING
                    : progress.get(Math.min(observation, progress.size() - 1));
        }
        if (observation < progress.size()) {
            return progress.get(observation);
        }
        if (outcome == null) {
            return progress.isEmpty() ? StatementState.RUNNING : progress.get(progress.size() - 1);
        }
        return outcome;
    }
}
