package dev.sluice.bench.probe;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The floor of the cold-start figure: a JVM that loads no driver and makes one request, a session POST through
 * {@link HttpURLConnection} to the same loopback server, then reports. It reads no rows: the harness's row count
 * and checksum are handed to it so that the run is classified like the others, and its first-row time is the
 * time from launch to the answer of that one POST.
 *
 * <p>Arguments: base URL, expected rows, expected checksum.
 */
public final class FloorProbe {
    private FloorProbe() {
    }

    public static void main(String[] args) throws Exception {
        HttpURLConnection post = (HttpURLConnection) new URL(args[0] + "/api/2.0/sql/sessions").openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setRequestProperty("Authorization", "Bearer x");
        post.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = post.getOutputStream()) {
            out.write("{\"warehouse_id\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        }
        int status = post.getResponseCode();
        try (InputStream in = post.getInputStream()) {
            in.readAllBytes();
        }
        long answered = System.currentTimeMillis();
        if (status != 200) {
            ProbeResult.failed(new IllegalStateException("session POST answered " + status), 0);
            return;
        }
        ProbeResult.ok(Long.parseLong(args[1]), Long.parseLong(args[2]), 1, 0, answered, 0);
    }
}
