/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth.tls;

import io.alphapulse.auth.SecretFiles;
import io.javalin.config.JettyConfig;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * TLS for a Javalin (Jetty 12) server: the HTTP API and the WebSocket bridge serve {@code https://} and
 * {@code wss://} instead of plain text when it is configured. It replaces the plain connector (there is no plain port
 * left to downgrade to); Jetty's defaults exclude SSLv3, TLS 1.0/1.1 and weak cipher suites.
 * <p>
 * The key and certificate come from a PKCS12 keystore (owner-only file). Its password comes from a file (owner-only)
 * or the environment variable {@value #PASSWORD_ENV_NAME}; never from the command line, and it is never printed:
 * {@link #toString()} names the keystore, the certificate and where the password came from. The keystore is opened
 * when this is built, so a wrong password, a keystore without a private key or an expired certificate fails at start
 * with a message, not at the first handshake.
 * <p>
 * Adopting it in a Javalin server is one call inside the configuration block, with the host and port given to
 * {@code start(host, port)} as usual:
 * <pre>{@code
 * final ServerTls tls = ServerTls.fromOptions(keystoreOption, passwordFileOption, System.getenv()); // null: plain
 * Javalin.create(config ->
 * {
 *     if (null != tls)
 *     {
 *         tls.applyTo(config.jetty);
 *     }
 *     ...
 * }).start(host, port);
 * }</pre>
 */
public final class ServerTls
{
    /**
     * Environment variable holding the keystore password, when no password file is given.
     */
    public static final String PASSWORD_ENV_NAME = "ALPHAPULSE_TLS_KEYSTORE_PASSWORD";

    /**
     * The only keystore type accepted.
     */
    public static final String KEYSTORE_TYPE = "PKCS12";

    private final Path keystorePath;
    private final KeyStore keyStore;
    private final char[] password;
    private final String description;

    private ServerTls(final Path keystorePath, final char[] password, final String passwordSource)
    {
        SecretFiles.requireOwnerOnly(keystorePath, "TLS keystore");
        this.keystorePath = keystorePath;
        this.password = password;
        try (InputStream in = Files.newInputStream(keystorePath))
        {
            keyStore = KeyStore.getInstance(KEYSTORE_TYPE);
            keyStore.load(in, password);
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            // The JDK's messages name no password; keep its reason (e.g. "keystore password was incorrect").
            throw new IllegalArgumentException("cannot open TLS keystore " + keystorePath + " (" + KEYSTORE_TYPE +
                ", password from " + passwordSource + "): " + ex.getMessage(), ex);
        }
        this.description = "TLS keystore " + keystorePath + " (" + describeKey() + "; password from " +
            passwordSource + ")";
    }

    /**
     * TLS from a keystore and its password.
     *
     * @param keystore the PKCS12 keystore (owner-only file).
     * @param password its password; kept (cloned) for the server's key manager.
     * @param source   where the password came from, for messages (never the password).
     * @return the settings.
     */
    public static ServerTls of(final Path keystore, final char[] password, final String source)
    {
        return new ServerTls(keystore, password.clone(), source);
    }

    /**
     * TLS from command-line style options: the keystore and, optionally, a file holding its password; without a
     * password file the password comes from {@value #PASSWORD_ENV_NAME}.
     *
     * @param keystore     the PKCS12 keystore, or null for no TLS.
     * @param passwordFile a file (owner-only) holding the password (trailing line breaks ignored), or null.
     * @param env          environment (normally {@code System.getenv()}).
     * @return the settings, or null when no keystore is given.
     * @throws IllegalArgumentException when the options are inconsistent, a file is accessible to group or others,
     *                                  no password is configured, or the keystore cannot be opened.
     */
    public static ServerTls fromOptions(final Path keystore, final Path passwordFile, final Map<String, String> env)
    {
        if (null == keystore)
        {
            if (null != passwordFile)
            {
                throw new IllegalArgumentException("a TLS keystore password file was given without a keystore");
            }
            return null;
        }
        if (null != passwordFile)
        {
            final byte[] bytes = SecretFiles.readOwnerOnly(passwordFile, "TLS keystore password file");
            int length = bytes.length;
            while (length > 0 && ('\n' == bytes[length - 1] || '\r' == bytes[length - 1]))
            {
                length--;
            }
            final char[] password = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, length))
                .toString().toCharArray();
            Arrays.fill(bytes, (byte)0);
            return new ServerTls(keystore, password, "file " + passwordFile);
        }
        final String value = env.get(PASSWORD_ENV_NAME);
        if (null == value || value.isEmpty())
        {
            throw new IllegalArgumentException("TLS keystore " + keystore + " needs a password: a file only its " +
                "owner can read (--tls-keystore-password-file) or the environment variable " + PASSWORD_ENV_NAME);
        }
        return new ServerTls(keystore, value.toCharArray(), "environment " + PASSWORD_ENV_NAME);
    }

    /**
     * Serve TLS only: add a TLS connector to the Jetty server of a Javalin configuration. Javalin then creates no
     * plain connector; the TLS connector listens on the host and port given to {@code start(host, port)} (or set in
     * {@code config.jetty}), read when the server starts.
     *
     * @param jetty {@code config.jetty} of {@code Javalin.create(config -> ...)}.
     */
    public void applyTo(final JettyConfig jetty)
    {
        jetty.addConnector((server, httpConfig) ->
        {
            final HttpConfiguration https = new HttpConfiguration(httpConfig);
            https.addCustomizer(new SecureRequestCustomizer());
            final ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(newSslContextFactory(), HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
            connector.setHost(jetty.host);
            connector.setPort(jetty.port);
            return connector;
        });
    }

    /**
     * A Jetty server SSL context factory over the loaded keystore (for servers not built by Javalin).
     *
     * @return a new factory; Jetty starts it with the connector.
     */
    public SslContextFactory.Server newSslContextFactory()
    {
        final SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(new String(password));
        return factory;
    }

    /**
     * The keystore file.
     *
     * @return path.
     */
    public Path keystorePath()
    {
        return keystorePath;
    }

    private String describeKey()
    {
        try
        {
            for (final String alias : Collections.list(keyStore.aliases()))
            {
                if (!keyStore.isKeyEntry(alias))
                {
                    continue;
                }
                final Certificate certificate = keyStore.getCertificate(alias);
                if (!(certificate instanceof X509Certificate))
                {
                    continue;
                }
                final X509Certificate x509 = (X509Certificate)certificate;
                final Instant notAfter = x509.getNotAfter().toInstant();
                if (notAfter.isBefore(Instant.now()))
                {
                    throw new IllegalArgumentException("TLS keystore " + keystorePath + ": the certificate of '" +
                        alias + "' (" + x509.getSubjectX500Principal().getName() + ") expired at " + notAfter);
                }
                return "key '" + alias + "', certificate " + x509.getSubjectX500Principal().getName() +
                    " until " + notAfter;
            }
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot read TLS keystore " + keystorePath + ": " + ex.getMessage(), ex);
        }
        throw new IllegalArgumentException("TLS keystore " + keystorePath + " holds no private key with an X.509 " +
            "certificate");
    }

    /**
     * The keystore, its certificate and where the password came from; never the password.
     *
     * @return text for the start-up banner.
     */
    public String toString()
    {
        return description;
    }
}
