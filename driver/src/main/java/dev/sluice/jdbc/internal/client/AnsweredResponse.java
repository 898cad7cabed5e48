package dev.sluice.jdbc.internal.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A {@link TransportSeam.Answer} seen as the JDK response the REST clients read. */
public final class AnsweredResponse implements HttpResponse<byte[]> {
    private final TransportSeam.Answer answer;
    private final URI uri;
    private final String method;

    public AnsweredResponse(TransportSeam.Answer answer, URI uri, String method) {
        this.answer = answer;
        this.uri = uri;
        this.method = method;
    }

    public static TransportSeam.Answer of(HttpResponse<byte[]> response) {
        return new TransportSeam.Answer(response.statusCode(), response.headers(), response.body());
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
    public Optional<HttpResponse<byte[]>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return answer.headers();
    }

    @Override
    public byte[] body() {
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
