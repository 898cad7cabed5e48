package dev.sluice.jdbc.internal.simulate;

import java.util.Locale;

/** Names in a recording directory, shared by the writer and the reader. */
final class RecordingFiles {
    static final String MAPPINGS = "mappings";
    static final String FILES = "__files";
    /** The matched field standing for a request body that is not JSON. */
    static final String BODY_DIGEST = "body_sha256";
    /** The matched field standing for a streamed request's {@code Range} header. */
    static final String RANGE = "range";

    private RecordingFiles() {
    }

    /** WireMock's first scenario state is {@code Started}. */
    static String state(int step) {
        return step == 0 ? "Started" : "step-" + (step + 1);
    }

    static String bodyFile(int number) {
        return String.format(Locale.ROOT, "%04d-body.bin", number);
    }

    static String mappingFile(int number, Exchange exchange) {
        String path = exchange.url();
        int q = path.indexOf('?');
        String slug = (q < 0 ? path : path.substring(0, q)).replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        if (slug.length() > 60) {
            slug = slug.substring(slug.length() - 60);
        }
        return String.format(Locale.ROOT, "%04d-%s-%s.json", number, exchange.method().toLowerCase(Locale.ROOT),
                slug);
    }
}
