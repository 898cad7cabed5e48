package dev.sluice.jdbc.internal.simulate;

import dev.sluice.jdbc.internal.client.TransportSeam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The recording kept in one directory, shared by every connection of the JVM that records there: the first opens
 * it (and replaces what an earlier run left), each exchange is added in the order it completed, and the mapping
 * files are written again whenever a connection closes, because an exchange repeated later (a poll) turns the
 * earlier ones into the first steps of a scenario.
 */
final class Recording {
    private static final Logger LOG = LoggerFactory.getLogger(Recording.class);
    private static final Map<Path, Recording> OPEN = new HashMap<>();
    private static final List<String> KEPT_HEADERS = List.of("Content-Type", "Retry-After");
    private static final List<String> STREAMED_HEADERS = List.of("Content-Type", "Retry-After", "Content-Length",
            "Content-Range", "Last-Modified");

    private final Path dir;
    private final Normaliser normaliser;
    private final List<Exchange> exchanges = new ArrayList<>();
    private int users;

    private Recording(Path dir) {
        this.dir = dir;
        this.normaliser = new Normaliser();
    }

    /** The seam of one connection recording into {@code dir}. */
    static TransportSeam seam(Path dir) throws IOException {
        Recording recording;
        synchronized (OPEN) {
            recording = OPEN.get(dir);
            if (recording == null) {
                recording = new Recording(dir);
                recording.clear();
                OPEN.put(dir, recording);
            }
            recording.users++;
        }
        return recording.new Seam();
    }

    private void clear() throws IOException {
        for (String sub : List.of(RecordingFiles.MAPPINGS, RecordingFiles.FILES)) {
            Path folder = dir.resolve(sub);
            Files.createDirectories(folder);
            try (Stream<Path> old = Files.list(folder)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void add(String method, String url, boolean download, byte[] requestBody,
                     TransportSeam.Answer answer) throws IOException {
        Map<String, Object> matched = null;
        if (requestBody != null && requestBody.length > 0) {
            Object json = Json.parseOrNull(requestBody);
            matched = json == null ? Map.of(RecordingFiles.BODY_DIGEST, sha256(requestBody))
                    : Exchange.matchedFields(normaliser.request(json));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        Object json = Json.parseOrNull(answer.body());
        Exchange exchange = new Exchange(method, url, download, matched, answer.status(), headers,
                json == null ? null : normaliser.response(json), json == null ? answer.body() : null, null);
        synchronized (this) {
            exchanges.add(exchange);
            int number = exchanges.size();
            if (exchange.body() != null && exchange.body().length > 0) {
                Files.write(dir.resolve(RecordingFiles.FILES).resolve(RecordingFiles.bodyFile(number)),
                        exchange.body());
            }
        }
    }

    /** Adds a streamed exchange whose body the caller is still to read; returns the file its body goes to. */
    private Path addStreamed(String method, String url, boolean external, Map<String, Object> matched,
                             TransportSeam.Streamed answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : STREAMED_HEADERS) {
            if (name.equals("Content-Length") && !method.equals("HEAD")) {
                continue; // the body file says it; a HEAD has none
            }
            answer.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        synchronized (this) {
            String file = RecordingFiles.bodyFile(exchanges.size() + 1);
            exchanges.add(new Exchange(method, url, external, matched, answer.status(), headers, null, null, file));
            return dir.resolve(RecordingFiles.FILES).resolve(file);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes every mapping again, with the scenario steps of requests that were repeated. */
    private synchronized void write() throws IOException {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < exchanges.size(); i++) {
            byKey.computeIfAbsent(exchanges.get(i).key(), k -> new ArrayList<>()).add(i);
        }
        Path mappings = dir.resolve(RecordingFiles.MAPPINGS);
        for (List<Integer> group : byKey.values()) {
            for (int step = 0; step < group.size(); step++) {
                int index = group.get(step);
                Exchange exchange = exchanges.get(index);
                Map<String, Object> mapping = mapping(exchange, index + 1);
                if (group.size() > 1) {
                    mapping.put("scenarioName", exchange.method() + " " + exchange.url() + " #" + (group.get(0) + 1));
                    mapping.put("requiredScenarioState", RecordingFiles.state(step));
                    if (step + 1 < group.size()) {
                        mapping.put("newScenarioState", RecordingFiles.state(step + 1));
                    }
                }
                Files.write(mappings.resolve(RecordingFiles.mappingFile(index + 1, exchange)),
                        Json.write(mapping, true));
            }
        }
    }

    private static Map<String, Object> mapping(Exchange exchange, int number) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("id", UUID.nameUUIDFromBytes(("sluice-" + number).getBytes(StandardCharsets.UTF_8)).toString());
        mapping.put("name", String.format(Locale.ROOT, "%04d %s %s", number, exchange.method(), exchange.url()));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", exchange.method());
        request.put(exchange.download() ? "urlPath" : "url", exchange.url());
        Map<String, Object> matched = exchange.matched();
        if (matched != null && !matched.containsKey(RecordingFiles.BODY_DIGEST)
                && !matched.containsKey(RecordingFiles.RANGE)) {
            request.put("bodyPatterns", List.of(Map.of("equalToJson", matched, "ignoreExtraElements", true)));
        } else if (matched != null) {
            // a binary body: WireMock matches any; a replay compares the digest
            mapping.put("metadata", Map.of("sluice", matched));
            if (matched.get(RecordingFiles.RANGE) instanceof String range) {
                request.put("headers", Map.of("Range", Map.of("equalTo", range)));
            }
        }
        mapping.put("request", request);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", exchange.status());
        if (!exchange.headers().isEmpty()) {
            response.put("headers", exchange.headers());
        }
        if (exchange.json() != null) {
            String text = new String(Json.write(exchange.json(), false), StandardCharsets.UTF_8);
            if (text.contains(Normaliser.BASE_URL)) {
                // link URLs name the server that answers: WireMock fills its own address in
                response.put("body", text);
                response.put("transformers", List.of("response-template"));
            } else {
                response.put("jsonBody", exchange.json());
            }
        } else if (exchange.body() != null && exchange.body().length > 0) {
            response.put("bodyFileName", RecordingFiles.bodyFile(number));
        } else if (exchange.bodyFile() != null) {
            response.put("bodyFileName", exchange.bodyFile());
        }
        mapping.put("response", response);
        return mapping;
    }

    private void release() {
        boolean last;
        synchronized (OPEN) {
            last = --users == 0;
            if (last) {
                OPEN.remove(dir);
            }
        }
        try {
            write();
            LOG.debug("recording in {}: {} exchanges written", dir, exchanges.size());
        } catch (IOException e) {
            // close() cannot fail the application's work; the recording is incomplete and says so
            LOG.warn("cannot write the recording in {}: {}", dir, e.toString());
        }
    }

    /** One connection's view: every exchange goes to the network and is kept. */
    private final class Seam implements TransportSeam {
        private boolean closed;

        @Override
        public Answer send(String method, String pathAndQuery, byte[] body, Live live) throws IOException {
            Answer answer = live.run();
            add(method, normaliser.path(pathAndQuery), false, body, answer);
            return answer;
        }

        @Override
        public Answer download(URI url, Map<String, String> headers, Live live) throws IOException {
            Answer answer = live.run();
            add("GET", normaliser.downloadPath(url), true, null, answer);
            return answer;
        }

        @Override
        public Streamed stream(String method, String pathAndQuery, boolean external, String range,
                               HttpRequest.BodyPublisher body, LiveStream live) throws IOException {
            StreamedBodies.Digesting digesting = body == null ? null : new StreamedBodies.Digesting(body);
            Streamed answer = live.run(digesting);
            Map<String, Object> matched = new LinkedHashMap<>();
            if (digesting != null) {
                matched.put(RecordingFiles.BODY_DIGEST, digesting.hex());
            }
            if (range != null) {
                matched.put(RecordingFiles.RANGE, range);
            }
            Path file = addStreamed(method, normaliser.path(pathAndQuery), external,
                    matched.isEmpty() ? null : matched, answer);
            return new Streamed(answer.status(), answer.headers(), new StreamedBodies.Copying(answer.body(), file));
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release();
            }
        }
    }

    static HttpHeaders headers(Map<String, String> kept) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        kept.forEach((name, value) -> map.put(name, List.of(value)));
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
