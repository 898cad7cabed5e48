package dev.sluice.warehouse.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

/** Which Host, Origin and Content-Type headers pass the guard, and what the refusals say. */
class RequestGuardTest {

    private final RequestGuard guard = new RequestGuard("127.0.0.1");

    private static Headers headers(String... pairs) {
        Headers h = new Headers();
        for (int i = 0; i < pairs.length; i += 2) {
            h.add(pairs[i], pairs[i + 1]);
        }
        return h;
    }

    @Test
    void loopbackNamesPassWithOrWithoutAPort() {
        for (String host : new String[] {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:1", "[::1]",
                "[::1]:443"}) {
            assertThatCode(() -> guard.checkOrigin(headers("Host", host))).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    void foreignOrMalformedHostsAreRefused() {
        for (String host : new String[] {"attacker.example", "attacker.example:8080", "127.0.0.1.nip.io",
                "localhost.", "127.0.0.1:80:1", "127.0.0.1:x", "[::1", "[::2]:80", "", "0.0.0.0"}) {
            assertThatThrownBy(() -> guard.checkOrigin(headers("Host", host))).as(host)
                    .isInstanceOf(ApiError.class).hasMessageContaining("DNS rebinding")
                    .extracting(e -> ((ApiError) e).status()).isEqualTo(403);
        }
        assertThatThrownBy(() -> guard.checkOrigin(headers())).isInstanceOf(ApiError.class);
    }

    @Test
    void onlyTheHostsOwnOriginPasses() {
        assertThatCode(() -> guard.checkOrigin(headers("Host", "127.0.0.1:9", "Origin", "http://127.0.0.1:9")))
                .doesNotThrowAnyException();
        for (String origin : new String[] {"http://attacker.example", "http://127.0.0.1:10", "http://localhost:9",
                "null", "file://"}) {
            assertThatThrownBy(() -> guard.checkOrigin(headers("Host", "127.0.0.1:9", "Origin", origin)))
                    .as(origin).isInstanceOf(ApiError.class).hasMessageContaining("Cross-origin");
        }
        assertThatThrownBy(() -> guard.checkOrigin(headers("Host", "127.0.0.1:9", "Sec-Fetch-Site", "cross-site")))
                .hasMessageContaining("cross-site");
        assertThatCode(() -> guard.checkOrigin(headers("Host", "127.0.0.1:9", "Sec-Fetch-Site", "same-origin")))
                .doesNotThrowAnyException();
    }

    @Test
    void jsonEndpointsTakeJsonOrAnUndeclaredBody() {
        for (String type : new String[] {"application/json", "application/json; charset=UTF-8",
                "application/problem+json"}) {
            assertThatCode(() -> RequestGuard.checkJsonBody(headers("Content-Type", type, "Content-Length", "2")))
                    .as(type).doesNotThrowAnyException();
        }
        assertThatCode(() -> RequestGuard.checkJsonBody(headers("Content-Length", "2"))).doesNotThrowAnyException();
        assertThatCode(() -> RequestGuard.checkJsonBody(headers("Content-Type", "text/plain", "Content-Length", "0")))
                .as("no body").doesNotThrowAnyException();
        for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonx"}) {
            assertThatThrownBy(() -> RequestGuard.checkJsonBody(headers("Content-Type", type,
                    "Transfer-Encoding", "chunked"))).as(type).isInstanceOf(ApiError.class)
                    .hasMessageContaining(type).extracting(e -> ((ApiError) e).status()).isEqualTo(415);
        }
    }
}
