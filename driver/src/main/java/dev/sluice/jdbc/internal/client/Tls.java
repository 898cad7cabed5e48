package dev.sluice.jdbc.internal.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
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

    private final SSLContext context;
    private final String[] protocols;
    private final SSLSocketFactory socketFactory;

    private Tls(SSLContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
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
        this.protocols = enabled.toArray(new String[0]);
        this.socketFactory = new PinnedSocketFactory(context.getSocketFactory(), protocols);
    }

    /** The JVM's default context (its default trust and key stores), restricted to TLS 1.2+. */
    public static Tls jvmDefault() {
        try {
            return new Tls(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    /** A context that believes exactly what {@code trust} believes. */
    public static Tls trusting(X509TrustManager trust) {
        Objects.requireNonNull(trust, "trust is null");
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return new Tls(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }

    /** For the JDK HttpClient. */
    public SSLContext context() {
        return context;
    }

    /** For the JDK HttpClient: the context's defaults with only {@link #PROTOCOLS} enabled. */
    public SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(protocols.clone());
        return parameters;
    }

    /** For HttpsURLConnection: every socket it makes has only {@link #PROTOCOLS} enabled. */
    public SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    /** The enabled protocols. */
    public List<String> protocols() {
        return List.of(protocols);
    }

    /**
     * A reason a user can act on for a failed TLS handshake (which always fails before the request is sent), or
     * null when {@code e} is none. The JDK's own
     * message ("Remote host terminated the handshake") does not say that the driver refuses old TLS versions.
     */
    public static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException && String.valueOf(t.getMessage()).contains("plaintext connection")) {
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
        return "Tls" + Arrays.toString(protocols);
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
