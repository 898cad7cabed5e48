package dev.sluice.jdbc.internal.client;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A {@link TransportSeam.Streamed} answer seen as the JDK response the Files API and volume commands read. */
final class StreamedResponse implements HttpResponse<InputStream> {
    private final TransportSeam.Streamed answer;
    private final URI uri;
    private final String method;

    StreamedResponse(TransportSeam.Streamed answer, URI uri, String method) {
        this.answer = answer;
        this.uri = uri;
        this.method = method;
    }

    static TransportSeam.Streamed of(HttpResponse<InputStream> response) {
        return new TransportSeam.Streamed(response.statusCode(), response.headers(), response.body());
    }

    @Override
    public int statusCode() {
        return answer.status();
    }

    @Override
    public HttpRequest request() {
        return HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return answer.headers();
    }

    @Override
    public InputStream body() {
        return answer.body();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
