package dev.sluice.warehouse.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.Faults;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Reply;
import dev.sluice.warehouse.http.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;

/**
 * The Statement Execution API: submit with the three wait modes, poll, cancel, close, chunk fetches and
 * the signed download endpoint. Results are written to chunk files before a statement reports
 * SUCCEEDED and are purged after the retention period.
 *
 * <p>Threads: each statement runs on a thread of its own, up to {@link #MAX_RUNNING} at once (more wait their
 * turn in order), and its Spark jobs go to a FAIR scheduler pool of its own, so a short statement gets the next
 * free task slot while long ones run (in Spark's default FIFO order it would wait until every task of the jobs
 * before it had started). See {@link #schedulerPool()} for the names. The statement POST does not wait on its HTTP thread: it parks the exchange, which is
 * answered by a reply thread when the statement ends, is canceled, or the wait timeout fires.
 */
public final class StatementService {

    /**
     * Statements executing at once; Spark shares the cores among their jobs. Above a pool of 200 clients, so that
     * a short statement (a pool's validation query among them) does not queue behind long ones here either.
     */
    static final int MAX_RUNNING = 256;

    /** Settings of result production and link issuing. */
    public record Settings(String warehouseId, int chunkRows, long chunkBytes, long inlineMaxBytes,
                           Duration retention, Path resultsDir, boolean linkHeaders,
                           boolean logStatements) {
    }

    private static final long INLINE_LIMIT = 25L << 20;
    private static final String LINK_HEADER = "x-sluice-link-key";

    private final Settings settings;
    private final SessionRegistry sessions;
    private final SqlRunner runner;
    private final Faults faults;
    private final Links links = new Links();
    private final Map<String, Statement> statements = new ConcurrentHashMap<>();
    /** How many times each statement text started executing, for tests that assert exactly-once execution. */
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    /** Job groups (statement ids) canceled while their statement may still start Spark jobs. */
    private final Set<String> canceledGroups = ConcurrentHashMap.newKeySet();
    /** Counts statements that started, to name their FAIR pools. */
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
    private final ThreadPoolExecutor workers;
    private final ExecutorService replies;
    private final ScheduledThreadPoolExecutor waitTimers;
    private final ScheduledExecutorService purger;
    private volatile String baseUrl = "http://127.0.0.1";

    public StatementService(Settings settings, SessionRegistry sessions, SqlRunner runner, Faults faults) {
        this.settings = settings;
        this.sessions = sessions;
        this.runner = runner;
        this.faults = faults;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(MAX_RUNNING, MAX_RUNNING, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "statement-" + n.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        AtomicInteger m = new AtomicInteger();
        // writing an answer is quick unless the client reads slowly; one thread per answer being written
        this.replies = Executors.newCachedThreadPool(r -> daemon(r, "reply-" + m.incrementAndGet()));
        this.waitTimers = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "wait-timer"));
        waitTimers.setRemoveOnCancelPolicy(true);
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "purge"));
        long every = Math.max(1, Math.min(60, settings.retention().toSeconds() / 4));
        purger.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.SECONDS);
        sessions.context().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart job) {
                // a canceled statement may still be between two jobs (planning, the next partition of a result):
                // cancelJobGroup reaches only the jobs running at that moment, this reaches the later ones
                String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
                if (group != null && canceledGroups.contains(group)) {
                    sessions.context().cancelJob(job.jobId(), "the statement was canceled");
                }
            }
        });
    }

    public static SqlRunner runner(dev.sluice.warehouse.catalog.CatalogRegistry catalogs) {
        return new SqlRunner(catalogs);
    }

    public void baseUrl(String url) {
        this.baseUrl = url;
    }

    public JsonNode submit(Request http) throws IOException {
        JsonNode body = http.json();
        StatementRequest req = StatementRequest.parse(body);
        if (settings.logStatements()) {
            System.out.println("statement " + Json.write(body));
        }
        if (!req.warehouseId().equalsIgnoreCase(settings.warehouseId())) {
            throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Warehouse " + req.warehouseId() + " does not exist.");
        }
        if (req.sessionId() != null) {
            sessions.get(req.sessionId(), http.principal()); // unknown session: 404 now, not a FAILED statement later
        }
        Statement s = new Statement(SessionRegistry.Ids.timeOrdered(), req, UUID.randomUUID().toString(),
                http.principal());
        statements.put(s.id, s);
        s.task = workers.submit(() -> execute(s));
        Duration wait = req.waitTimeout();
        if (wait.isZero()) {
            return StatementJson.response(s, this::link);
        }
        park(s, http.park(), wait, req.cancelOnTimeout());
        return null;
    }

    /**
     * The hybrid wait without a thread: the answer goes out when the statement ends (succeeds, fails, is canceled
     * or closed) or when the wait times out, whichever comes first; on timeout the statement is canceled first
     * when the request said {@code on_wait_timeout: CANCEL}.
     */
    private void park(Statement s, Reply reply, Duration wait, boolean cancelOnTimeout) {
        ScheduledFuture<?> timer = waitTimers.schedule(() -> {
            if (cancelOnTimeout) {
                cancel(s); // ends the statement, which answers below
            }
            if (!s.state().terminal()) {
                replies.execute(() -> answer(s, reply));
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
        s.done.whenCompleteAsync((v, e) -> {
            timer.cancel(false);
            answer(s, reply);
        }, replies);
    }

    private void answer(Statement s, Reply reply) {
        if (reply.sent()) {
            return;
        }
        try {
            reply.json(StatementJson.response(s, this::link));
        } catch (RuntimeException | Error e) {
            reply.fail(e);
        }
    }

    /** {@code DELETE} of a session: its statements still running are canceled, so nothing outlives it. */
    public void closeSession(String sessionId, String principal) {
        sessions.close(sessionId, principal);
        for (Statement s : statements.values()) {
            if (sessionId.equals(s.request.sessionId()) && !s.state().terminal()) {
                cancel(s);
            }
        }
    }

    /**
     * {@code GET /sluice/executions}: how many times each statement text started executing since the start or the
     * last reset, as {@code {"executions":{"<text>":n}}}; with {@code ?statement=<text>} only that text, as
     * {@code {"statement":"<text>","executions":n}}.
     */
    public JsonNode executions(Request http) {
        String text = http.query("statement");
        if (text != null) {
            AtomicInteger n = executions.get(text);
            return Json.object().put("statement", text).put("executions", n == null ? 0 : n.get());
        }
        ObjectNode out = Json.object();
        ObjectNode all = out.putObject("executions");
        executions.forEach((k, v) -> all.put(k, v.get()));
        return out;
    }

    /**
     * {@code GET /sluice/statements}: the statements not yet ended, oldest first, as
     * {@code {"statements":[{"statement_id":..,"state":..,"session_id":..,"statement":..}]}}, so that a test can
     * act on a statement whose submit has not been answered yet.
     */
    public JsonNode running(Request http) {
        ObjectNode out = Json.object();
        var list = out.putArray("statements");
        statements.values().stream().filter(s -> !s.state().terminal())
                .sorted(java.util.Comparator.comparing(s -> s.id))
                .forEach(s -> list.addObject().put("statement_id", s.id).put("state", s.state().name())
                        .put("session_id", s.request.sessionId()).put("statement", s.request.statement()));
        return out;
    }

    /** {@code DELETE /sluice/executions}: forgets the counts. */
    public JsonNode resetExecutions(Request http) {
        executions.clear();
        return Json.object();
    }

    public JsonNode get(Request http) {
        Statement s = find(http);
        return StatementJson.response(s, this::link);
    }

    public JsonNode cancel(Request http) {
        cancel(find(http));
        return Json.object();
    }

    public JsonNode close(Request http) {
        Statement s = find(http);
        cancel(s);
        s.close();
        return Json.object();
    }

    public JsonNode chunk(Request http) {
        Statement s = find(http);
        MaterializedResult r = s.result();
        if (s.state() != Statement.State.SUCCEEDED || r == null) {
            throw new ApiError(400, "INVALID_STATE", "Statement " + s.id + " has no result to fetch (state "
                    + s.state() + ").");
        }
        int index;
        try {
            index = Integer.parseInt(http.pathVar("index"));
        } catch (NumberFormatException e) {
            throw ApiError.invalid("Chunk index must be a number, got '" + http.pathVar("index") + "'");
        }
        if (index < 0 || index >= r.chunks().size()) {
            throw ApiError.invalid("Chunk index " + index + " is out of range; the result has " + r.chunks().size()
                    + " chunks.");
        }
        return StatementJson.chunk(s, r, index, this::link);
    }

    /** GET of a signed link: no Authorization, but signature, expiry and optional headers are checked. */
    public JsonNode download(Request http) throws IOException {
        String id = http.pathVar("id");
        int index;
        long issued;
        long expires;
        try {
            index = Integer.parseInt(http.pathVar("index"));
            issued = Long.parseLong(String.valueOf(http.query("issued")));
            expires = Long.parseLong(String.valueOf(http.query("expires")));
        } catch (NumberFormatException e) {
            throw forbidden("The link is malformed.");
        }
        if (!links.valid(id, index, issued, expires, http.query("sig"))) {
            throw forbidden("The link signature does not match.");
        }
        if (Instant.now().toEpochMilli() > expires || issued < faults.linksValidFrom().toEpochMilli()) {
            throw forbidden("The link has expired.");
        }
        Statement s = statements.get(id);
        MaterializedResult r = s == null ? null : s.result();
        if (r == null || index >= r.chunks().size()) {
            throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "The result of statement " + id + " is gone.");
        }
        if (settings.linkHeaders() && !s.linkKey.equals(http.header(LINK_HEADER))) {
            throw forbidden("The link's http_headers were not sent.");
        }
        FileResponses.send(http.exchange(), r.chunks().get(index).file(), faults.download(http.path()));
        return null;
    }

    private ObjectNode link(Statement s, Chunk c) {
        Instant now = Instant.now();
        Instant expires = now.plus(faults.linkTtl());
        ObjectNode l = Json.object();
        l.put("chunk_index", c.index());
        l.put("row_offset", c.rowOffset());
        l.put("row_count", c.rowCount());
        l.put("byte_count", c.byteCount());
        l.put("external_link", baseUrl + links.path(s.id, c.index(), now, expires));
        l.put("expiration", StatementJson.expiration(expires));
        if (settings.linkHeaders()) {
            l.putObject("http_headers").put(LINK_HEADER, s.linkKey);
        }
        MaterializedResult r = s.result();
        if (r != null) {
            StatementJson.next(l, s, r, c.index());
        }
        return l;
    }

    private void execute(Statement s) {
        if (!s.start()) {
            return;
        }
        StatementRequest req = s.request;
        executions.computeIfAbsent(req.statement(), k -> new AtomicInteger()).incrementAndGet();
        SparkSession spark = null;
        boolean borrowed = req.sessionId() == null;
        String pool = schedulerPool();
        try {
            spark = borrowed ? sessions.borrow(req.catalog(), req.schema()) : sessions.get(req.sessionId());
            spark.sparkContext().setJobGroup(s.id, abbreviate(req.statement()), true);
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", pool);
            Dataset<Row> df = runner.run(spark, req.statement(), req.parameters());
            ZoneId zone = ZoneId.of(spark.sessionState().conf().sessionLocalTimeZone());
            ResultWriter.Spec spec = new ResultWriter.Spec(req.format(), req.lz4(), settings.chunkRows(),
                    settings.chunkBytes(), req.rowLimit(), req.byteLimit(), zone);
            MaterializedResult r = ResultWriter.write(df, spec, settings.resultsDir().resolve(s.id));
            finish(s, r);
        } catch (Throwable t) {
            if (s.state() != Statement.State.CANCELED && s.state() != Statement.State.CLOSED) {
                s.fail(SqlFailure.of(t));
            }
        } finally {
            if (canceledGroups.contains(s.id) || s.state() == Statement.State.CANCELED) {
                // a cancel that interrupted this thread while it was submitting a job leaves that job running
                // unless someone cancels it after its submission: the listener sees it only if its start event
                // arrives before this point, the group cancel below is queued behind the submission itself
                sessions.context().cancelJobGroup(s.id);
            }
            canceledGroups.remove(s.id);
            forgetPool(pool);
            if (spark != null) {
                spark.sparkContext().clearJobGroup();
                spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
                if (borrowed) {
                    runner.sessionReleased(spark);
                    sessions.release(spark);
                }
            }
            Thread.interrupted(); // a cancel may have interrupted this pool thread
        }
    }

    private void finish(Statement s, MaterializedResult r) {
        Disposition d = s.request.disposition();
        boolean inline = d == Disposition.INLINE || (d == Disposition.INLINE_OR_EXTERNAL_LINKS
                && r.chunks().size() <= 1 && r.totalBytes() <= settings.inlineMaxBytes());
        if (d == Disposition.INLINE && r.totalBytes() > INLINE_LIMIT) {
            r.delete();
            s.fail(new SqlFailure("BAD_REQUEST", "The result of " + r.totalBytes() + " bytes exceeds the INLINE"
                    + " limit of 25 MiB; use disposition EXTERNAL_LINKS.", null));
            return;
        }
        s.succeed(r, inline);
    }

    private void cancel(Statement s) {
        if (s.cancel()) {
            if (s.task != null && !s.task.isDone()) {
                canceledGroups.add(s.id);
            }
            try {
                sessions.context().cancelJobGroup(s.id);
            } catch (RuntimeException e) {
                // no job running for it
            }
            if (s.task != null) {
                s.task.cancel(true);
            }
        }
    }

    /** The statement of the path, if the caller submitted it: another principal's statement is as unknown as none. */
    private Statement find(Request http) {
        String id = http.pathVar("id");
        Statement s = statements.get(id);
        if (s == null || !s.ownedBy(http.principal())) {
            throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Statement " + id + " does not exist or was purged.");
        }
        return s;
    }

    private void purge() {
        Instant cutoff = Instant.now().minus(settings.retention());
        statements.values().removeIf(s -> {
            Instant t = s.terminalAt();
            if (t != null && t.isBefore(cutoff)) {
                canceledGroups.remove(s.id);
                s.close();
                return true;
            }
            return false;
        });
    }

    /**
     * A new FAIR pool name. FAIR gives a free slot to the pool with the fewest running tasks, and on a tie to the
     * pool whose name sorts first. The pool of a task that just finished has no task running when the slot is
     * offered, so it ties with a statement that waits for its first slot: names that sort newest first make the
     * waiting statement win, where names in start order would give every slot back to the long statement.
     */
    private String schedulerPool() {
        return String.format(java.util.Locale.ROOT, "statement-%019d", Long.MAX_VALUE - started.incrementAndGet());
    }

    /** Removes an ended statement's pool: Spark keeps every pool ever named and sorts them all on each offer. */
    private void forgetPool(String name) {
        try {
            org.apache.spark.scheduler.Pool root =
                    ((org.apache.spark.scheduler.TaskSchedulerImpl) sessions.context().taskScheduler()).rootPool();
            org.apache.spark.scheduler.Schedulable pool = root.getSchedulableByName(name);
            if (pool != null) {
                root.removeSchedulable(pool);
            }
        } catch (RuntimeException e) {
            // not the scheduler we know (another master): its pools stay, which costs only memory
        }
    }

    public void shutdown() {
        purger.shutdownNow();
        waitTimers.shutdownNow();
        replies.shutdownNow();
        workers.shutdownNow();
        statements.values().forEach(Statement::close);
    }

    private static ApiError forbidden(String message) {
        return new ApiError(403, "PERMISSION_DENIED", message);
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 200 ? sql : sql.substring(0, 200) + "...";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
