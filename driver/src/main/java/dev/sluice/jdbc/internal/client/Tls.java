package dev.sluice.jdbc.internal.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS settings of one connection, shared by API calls, the OAuth token endpoint and result downloads: one
 * {@link SSLContext} (its trust decides which servers are believed) and only TLS 1.3 and TLS 1.2 enabled, whatever
 * the JVM's {@code java.security} allows, so a server or a TLS-inspecting proxy that offers TLS 1.0 or 1.1 is
 * refused.
 */
public final class Tls {
    /** The protocols the driver enables, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Makes the real context; runs once, on first use of TLS. */
    private final Callable<SSLContext> source;
    private final SSLContext deferred;
    private volatile Ready ready;

    /** What exists once TLS is first used. */
    private record Ready(SSLContext context, String[] protocols, SSLSocketFactory socketFactory) {
    }

    private Tls(Callable<SSLContext> source) {
        this.source = Objects.requireNonNull(source, "source is null");
        this.deferred = new DeferredContext(this);
    }

    /**
     * The JVM's default context (its default trust and key stores), restricted to TLS 1.2+. Made on first use:
     * {@code SSLContext.getDefault()} reads the JVM's trust store, 0.2 to 0.6 s of a cold start on a small
     * machine, which a connection to a plain {@code http} server (ssl=0) never needs.
     */
    public static Tls jvmDefault() {
        return new Tls(SSLContext::getDefault);
    }

    /** A context that believes exactly what {@code trust} believes; made at once, so a failure shows at connect. */
    public static Tls trusting(X509TrustManager trust) {
        Objects.requireNonNull(trust, "trust is null");
        Tls tls = new Tls(() -> {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        });
        tls.ready();
        return tls;
    }

    private Ready ready() {
        Ready r = ready;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (ready == null) {
                ready = make();
            }
            return ready;
        }
    }

    private Ready make() {
        SSLContext context;
        try {
            context = source.call();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        List<String> enabled = new ArrayList<>();
        for (String p : PROTOCOLS) {
            if (supported.contains(p)) {
                enabled.add(p);
            }
        }
        if (enabled.isEmpty()) {
            throw new IllegalStateException("this JVM supports neither TLSv1.3 nor TLSv1.2");
        }
        String[] protocols = enabled.toArray(new String[0]);
        return new Ready(context, protocols, new PinnedSocketFactory(context.getSocketFactory(), protocols));
    }

    /**
     * For the JDK HttpClient, which asks for a context when it is built, TLS or not: a context that makes the real
     * one when the client first opens a TLS connection.
     */
    public SSLContext context() {
        return deferred;
    }

    /**
     * For the JDK HttpClient: only {@link #PROTOCOLS} enabled, the context's cipher suites (none named here, so
     * the engine keeps its defaults). Built without the context, which the client copies when it is built.
     */
    public SSLParameters parameters() {
        Ready r = ready;
        return new SSLParameters(null, r == null ? PROTOCOLS.toArray(new String[0]) : r.protocols().clone());
    }

    /** For HttpsURLConnection: every socket it makes has only {@link #PROTOCOLS} enabled. */
    public SSLSocketFactory socketFactory() {
        return ready().socketFactory();
    }

    /** The enabled protocols. */
    public List<String> protocols() {
        return List.of(ready().protocols());
    }

    /**
     * A reason a user can act on for a failed TLS handshake (which always fails before the request is sent), or
     * null when {@code e} is none. The JDK's own
     * message ("Remote host terminated the handshake") does not say that the driver refuses old TLS versions.
     */
    public static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // "plaintext connection?" from an SSLEngine (JDK HttpClient), the bare "Unsupported or unrecognized SSL
            // message" from an SSLSocket (the driver's API exchanges, HttpURLConnection)
            if (t instanceof SSLException && (String.valueOf(t.getMessage()).contains("plaintext connection")
                    || String.valueOf(t.getMessage()).contains("Unsupported or unrecognized SSL message"))) {
                return "the server does not speak TLS on this port (ssl=0 is for plain HTTP servers such as the"
                        + " local warehouse)";
            }
            if (t instanceof SSLHandshakeException) {
                String m = String.valueOf(t.getMessage());
                if (m.contains("PKIX") || m.contains("certification path") || m.contains("No subject alternative")
                        || m.contains("No name matching")) {
                    return "the server's certificate is not trusted for this host (trust it with SSLTrustStore or"
                            + " UseSystemTrustStore=1)";
                }
                return "the TLS handshake failed; Sluice accepts only TLS 1.3 and TLS 1.2, so a server or proxy"
                        + " offering only TLS 1.0/1.1 is refused";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        Ready r = ready;
        return "Tls" + (r == null ? PROTOCOLS : Arrays.asList(r.protocols()));
    }

    /** An SSLContext whose every operation goes to the real context of its {@link Tls}, made on first use. */
    private static final class DeferredContext extends SSLContext {
        DeferredContext(Tls tls) {
            super(new DeferredSpi(tls), null, "TLS");
        }
    }

    private static final class DeferredSpi extends SSLContextSpi {
        private final Tls tls;

        DeferredSpi(Tls tls) {
            this.tls = tls;
        }

        private SSLContext real() {
            return tls.ready().context();
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw new IllegalStateException("a deferred TLS context is initialised by its source");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return real().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return real().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real().getSupportedSSLParameters();
        }
    }

    /** Wraps a factory so that every TLS socket it makes enables only the pinned protocols. */
    static class PinnedSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String[] protocols;

        PinnedSocketFactory(SSLSocketFactory delegate, String[] protocols) {
            this.delegate = delegate;
            this.protocols = protocols;
        }

        Socket pin(Socket socket) {
            if (socket instanceof SSLSocket) {
                ((SSLSocket) socket).setEnabledProtocols(protocols.clone());
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return pin(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return pin(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return pin(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return pin(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return pin(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return pin(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
