package dev.sluice.jdbc.internal.simulate;

import dev.sluice.jdbc.internal.client.TransportSeam;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Answers requests from a recording, opening no socket. Requests are looked up by method, URL and the meaningful
 * fields of their body; a request recorded several times (a poll) gets its answers in the recorded order, the last
 * one again once they are used up, as WireMock's scenarios do. Connections of the JVM replaying the same directory
 * share the positions, which start again when the last of them closes.
 */
final class Replay {
    private static final Map<Path, Replay> OPEN = new HashMap<>();

    private final Path dir;
    private final Map<String, List<Exchange>> byKey;
    private final List<Exchange> all;
    private final Map<String, Integer> positions = new HashMap<>();
    private final Normaliser normaliser;
    private int users;

    private Replay(Path dir, List<Exchange> all) {
        this.dir = dir;
        this.all = all;
        this.normaliser = new Normaliser();
        this.byKey = new LinkedHashMap<>();
        for (Exchange exchange : all) {
            byKey.computeIfAbsent(exchange.key(), k -> new ArrayList<>()).add(exchange);
        }
    }

    /** The seam of one connection replaying {@code dir}. */
    static TransportSeam seam(Path dir, URI workspace) throws IOException {
        synchronized (OPEN) {
            Replay replay = OPEN.get(dir);
            if (replay == null) {
                replay = new Replay(dir, RecordingReader.read(dir));
                OPEN.put(dir, replay);
            }
            replay.users++;
            return replay.new Seam(workspace);
        }
    }

    private Exchange answer(String method, String url, boolean download, byte[] body) throws IOException {
        Map<String, Object> matched = null;
        if (body != null && body.length > 0) {
            Object json = Json.parseOrNull(body);
            matched = json == null ? Map.of(RecordingFiles.BODY_DIGEST, sha256(body))
                    : Exchange.matchedFields(normaliser.request(json));
        }
        return lookUp(method, url, download, matched);
    }

    private Exchange lookUp(String method, String url, boolean download, Map<String, Object> matched)
            throws IOException {
        String key = Exchange.key(method, url, matched);
        synchronized (this) {
            List<Exchange> answers = byKey.get(key);
            if (answers == null) {
                Exchange loose = looseMatch(method, url, matched);
                if (loose == null) {
                    throw Mismatch.unrecorded(dir, method, url, matched, all);
                }
                key = loose.key();
                answers = byKey.get(key);
            }
            int position = positions.merge(key, 1, Integer::sum) - 1;
            return answers.get(Math.min(position, answers.size() - 1));
        }
    }

    /**
     * As WireMock matches a hand-written mapping: every body field it names must be sent with that value, fields it
     * does not name may be sent too, and a mapping without a body pattern takes any body.
     */
    private Exchange looseMatch(String method, String url, Map<String, Object> matched) {
        for (Exchange candidate : all) {
            if (!candidate.method().equals(method) || !candidate.url().equals(url)) {
                continue;
            }
            Map<String, Object> wanted = candidate.matched();
            if (wanted == null) {
                return candidate;
            }
            if (matched != null && wanted.entrySet().stream().allMatch(field -> matched.containsKey(field.getKey())
                    && Json.canonical(field.getValue()).equals(Json.canonical(matched.get(field.getKey()))))) {
                return candidate;
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void release() {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(dir);
            }
        }
    }

    /** One connection's view. */
    private final class Seam implements TransportSeam {
        private final String base;
        private boolean closed;

        Seam(URI workspace) {
            this.base = workspace.toString();
        }

        @Override
        public Answer send(String method, String pathAndQuery, byte[] body, Live live) throws IOException {
            return toAnswer(answer(method, normaliser.path(pathAndQuery), false, body));
        }

        @Override
        public Answer download(URI url, Map<String, String> headers, Live live) throws IOException {
            return toAnswer(answer("GET", normaliser.downloadPath(url), true, null));
        }

        @Override
        public Streamed stream(String method, String pathAndQuery, boolean external, String range,
                               HttpRequest.BodyPublisher body, LiveStream live) throws IOException {
            Map<String, Object> matched = new LinkedHashMap<>();
            if (body != null) {
                matched.put(RecordingFiles.BODY_DIGEST, StreamedBodies.digest(body));
            }
            if (range != null) {
                matched.put(RecordingFiles.RANGE, range);
            }
            Exchange exchange = lookUp(method, normaliser.path(pathAndQuery), external,
                    matched.isEmpty() ? null : matched);
            InputStream in = exchange.json() == null && exchange.body() == null && exchange.bodyFile() != null
                    ? Files.newInputStream(bodyPath(dir, exchange.bodyFile()))
                    : new ByteArrayInputStream(bytes(exchange));
            return new Streamed(exchange.status(), Recording.headers(exchange.headers()), in);
        }

        private Answer toAnswer(Exchange exchange) throws IOException {
            return new Answer(exchange.status(), Recording.headers(exchange.headers()), bytes(exchange));
        }

        private byte[] bytes(Exchange exchange) throws IOException {
            if (exchange.json() != null) {
                String text = new String(Json.write(exchange.json(), false), StandardCharsets.UTF_8);
                return text.replace(Normaliser.BASE_URL, base).getBytes(StandardCharsets.UTF_8);
            }
            if (exchange.body() != null) {
                return exchange.body();
            }
            return exchange.bodyFile() == null ? new byte[0] : Files.readAllBytes(bodyPath(dir, exchange.bodyFile()));
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release();
            }
        }
    }

    /** Reads a recording directory back into exchanges, in the order they were recorded. */
    static final class RecordingReader {
        private RecordingReader() {
        }

        static List<Exchange> read(Path dir) throws IOException {
            Path mappings = dir.resolve(RecordingFiles.MAPPINGS);
            if (!Files.isDirectory(mappings)) {
                throw new NoSuchFileException(mappings.toString(), null, "no recording: the directory has no "
                        + RecordingFiles.MAPPINGS + "/ folder");
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(mappings)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            }
            List<Exchange> exchanges = new ArrayList<>(files.size());
            for (Path file : files) {
                exchanges.add(exchange(dir, file));
            }
            return exchanges;
        }

        @SuppressWarnings("unchecked")
        private static Exchange exchange(Path dir, Path file) throws IOException {
            Map<String, Object> mapping = Json.object(Json.parse(Files.readAllBytes(file)));
            Map<String, Object> request = mapping == null ? null : Json.object(mapping.get("request"));
            Map<String, Object> response = mapping == null ? null : Json.object(mapping.get("response"));
            if (request == null || response == null) {
                throw new IOException(file + ": not a WireMock mapping (no request or response)");
            }
            boolean download = request.containsKey("urlPath");
            String url = (String) (download ? request.get("urlPath") : request.get("url"));
            Map<String, Object> matched = null;
            if (request.get("bodyPatterns") instanceof List<?> patterns && !patterns.isEmpty()) {
                matched = Json.object(Json.object(patterns.get(0)).get("equalToJson"));
            } else if (Json.object(mapping.get("metadata")) != null) {
                matched = Json.object(Json.object(mapping.get("metadata")).get("sluice"));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            Map<String, Object> recordedHeaders = Json.object(response.get("headers"));
            if (recordedHeaders != null) {
                recordedHeaders.forEach((name, value) -> headers.put(name, String.valueOf(value)));
            }
            Object json = response.get("jsonBody");
            byte[] body = null;
            String bodyFile = null;
            if (json == null && response.get("body") instanceof String text) {
                json = Json.parseOrNull(text.getBytes(StandardCharsets.UTF_8));
                body = json == null ? text.getBytes(StandardCharsets.UTF_8) : null;
            } else if (json == null && response.get("bodyFileName") instanceof String name) {
                bodyPath(dir, name); // read when answered: a streamed body may be large
                bodyFile = name;
            }
            int status = ((Number) Objects.requireNonNullElse(response.get("status"), 200)).intValue();
            return new Exchange(String.valueOf(request.get("method")), url, download, matched, status, headers, json,
                    body, bodyFile);
        }
    }

    /** The file of a recorded body, which must lie under {@code __files}. */
    static Path bodyPath(Path dir, String name) throws IOException {
        Path files = dir.resolve(RecordingFiles.FILES).normalize();
        Path bodyFile = files.resolve(name).normalize();
        if (!bodyFile.startsWith(files) || bodyFile.equals(files)) {
            throw new IOException("bodyFileName " + name + " leaves " + files);
        }
        return bodyFile;
    }
}
