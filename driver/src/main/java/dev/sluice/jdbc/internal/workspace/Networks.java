package dev.sluice.jdbc.internal.workspace;

import dev.sluice.jdbc.internal.auth.Secret;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.ProxySettings;
import dev.sluice.jdbc.internal.client.Tls;
import dev.sluice.jdbc.internal.client.TrustStores;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.config.ConnectionProperty;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds a connection's {@link Network} (trust, TLS, proxies) from its properties. */
final class Networks {
    private static final int NO_AUTH = 0;
    private static final int BASIC = 1;
    private static final int SPNEGO = 2;

    private Networks() {
    }

    /**
     * @throws SQLException 0A000 for AllowSelfSignedCerts=1 and SPNEGO proxies, 22023 for a trust store that cannot
     *     be used or an incomplete proxy setting (naming the properties and the path, never a password), 28000 when
     *     proxy credentials are missing or a secret reference cannot be resolved
     */
    static Network from(ConnectionConfig c) throws SQLException {
        Tls tls = tls(c);
        ProxySettings api = proxy(c, ConnectionProperty.USE_PROXY, ConnectionProperty.PROXY_HOST,
                ConnectionProperty.PROXY_PORT, ConnectionProperty.PROXY_AUTH, ConnectionProperty.PROXY_UID,
                ConnectionProperty.PROXY_PWD, ConnectionProperty.USE_SYSTEM_PROXY.booleanValue(c));
        ProxySettings downloads = ConnectionProperty.USE_CF_PROXY.booleanValue(c)
                ? proxy(c, ConnectionProperty.USE_CF_PROXY, ConnectionProperty.CF_PROXY_HOST,
                ConnectionProperty.CF_PROXY_PORT, ConnectionProperty.CF_PROXY_AUTH, ConnectionProperty.CF_PROXY_UID,
                ConnectionProperty.CF_PROXY_PWD, false)
                : api;
        Duration connectTimeout = Duration.ofSeconds(Math.max(1, ConnectionProperty.CONNECT_TIMEOUT.intValue(c)));
        return new Network(tls, api, downloads, connectTimeout);
    }

    private static Tls tls(ConnectionConfig c) throws SQLException {
        if (ConnectionProperty.ALLOW_SELF_SIGNED_CERTS.booleanValue(c)) {
            // trusting any certificate hands the token to whoever sits on the network path; a trust store holding
            // the one self-signed certificate gives the same convenience without that
            throw Errors.notSupported("AllowSelfSignedCerts=1: Sluice never turns certificate checks off. Import the"
                    + " server's certificate into a trust store (keytool -importcert -file server.crt -keystore"
                    + " trust.p12 -storetype PKCS12) and set SSLTrustStore, SSLTrustStoreType=PKCS12 and"
                    + " SSLTrustStorePwd");
        }
        String path = ConnectionProperty.SSL_TRUST_STORE.get(c);
        boolean system = ConnectionProperty.USE_SYSTEM_TRUST_STORE.booleanValue(c);
        if ((path == null || path.isBlank()) && !system) {
            return Tls.jvmDefault();
        }
        List<X509Certificate> trusted = new ArrayList<>();
        if (path != null && !path.isBlank()) {
            trusted.addAll(trustStore(c, path.strip()));
        }
        if (system) {
            trusted.addAll(TrustStores.jvmDefault());
            trusted.addAll(TrustStores.operatingSystem());
        }
        return Tls.trusting(TrustStores.trusting(trusted));
    }

    private static List<X509Certificate> trustStore(ConnectionConfig c, String path) throws SQLException {
        String type = ConnectionProperty.SSL_TRUST_STORE_TYPE.get(c).strip();
        Secret password = ConnectionProperty.SSL_TRUST_STORE_PWD.secretValue(c);
        try {
            return TrustStores.file(Path.of(path), type, password == null ? null : password.reveal().toCharArray());
        } catch (InvalidPathException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + path
                    + "' for connection property SSLTrustStore: not a valid path", e);
        } catch (IOException e) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "cannot use the trust store given by SSLTrustStore,"
                    + " SSLTrustStoreType and SSLTrustStorePwd: " + e.getMessage(), e);
        }
    }

    private static ProxySettings proxy(ConnectionConfig c, ConnectionProperty use, ConnectionProperty hostKey,
                                       ConnectionProperty portKey, ConnectionProperty authKey,
                                       ConnectionProperty userKey, ConnectionProperty passwordKey, boolean system)
            throws SQLException {
        boolean fixed = use.booleanValue(c);
        if (!fixed && !system) {
            return ProxySettings.DIRECT;
        }
        String user = null;
        Secret password = null;
        int auth = authKey.intValue(c);
        if (auth == SPNEGO) {
            throw Errors.notSupported(authKey.propertyName() + "=2 (SPNEGO/Kerberos proxy authentication); use"
                    + " " + authKey.propertyName() + "=1 (Basic)");
        } else if (auth == BASIC) {
            user = userKey.get(c);
            password = passwordKey.secretValue(c);
            if (user == null || user.isBlank() || user.indexOf(':') >= 0 || password == null) {
                throw Errors.of(SqlState.INVALID_AUTHORIZATION, authKey.propertyName() + "=1 needs "
                        + userKey.propertyName() + " (without ':') and " + passwordKey.propertyName());
            }
        } else if (auth != NO_AUTH) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + auth + "' for connection property "
                    + authKey.propertyName() + ": expected 0 (none) or 1 (Basic)");
        }
        List<String> ignore = ProxySettings.parseIgnoreList(ConnectionProperty.PROXY_IGNORE_LIST.get(c));
        if (!fixed) {
            return ProxySettings.system(user, password, ignore);
        }
        String host = hostKey.get(c);
        if (host == null || host.isBlank() || !c.isSet(portKey)) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, use.propertyName() + "=1 needs "
                    + hostKey.propertyName() + " and " + portKey.propertyName());
        }
        int port = portKey.intValue(c);
        if (port < 1 || port > 65535) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "invalid value '" + port + "' for connection property "
                    + portKey.propertyName() + ": expected 1..65535");
        }
        return ProxySettings.fixed(host, port, user, password, ignore);
    }
}
