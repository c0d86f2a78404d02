/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed keystores for tests and development, made by the JDK's {@code keytool}, and client SSL contexts that
 * trust exactly one such certificate. Production keystores come from a real certificate authority; convert one with
 * {@code openssl pkcs12 -export -in cert.pem -inkey key.pem -out server.p12}.
 */
public final class DevelopmentKeystore
{
    /**
     * Alias of the generated key.
     */
    public static final String ALIAS = "alphapulse";

    private static final String PASSWORD_ENV = "ALPHAPULSE_KEYTOOL_STOREPASS";

    private DevelopmentKeystore()
    {
    }

    /**
     * Generate a PKCS12 keystore with an EC P-256 key and a self-signed certificate for {@code localhost} and
     * {@code 127.0.0.1}, valid for two days, owner-only (mode 600). The password reaches keytool through its
     * environment, not its command line.
     *
     * @param keystore the file to create (must not exist).
     * @param password the keystore password (at least 6 characters, keytool's rule).
     * @return the file.
     */
    public static Path generate(final Path keystore, final char[] password)
    {
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-noprompt",
            "-storetype", ServerTls.KEYSTORE_TYPE, "-keystore", keystore.toString(), "-storepass:env", PASSWORD_ENV,
            "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=localhost, O=AlphaPulse development", "-ext", "SAN=dns:localhost,ip:127.0.0.1"));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_ENV, new String(password));
        try
        {
            final Process process = builder.start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 60 s");
            }
            if (0 != process.exitValue() || !Files.exists(keystore))
            {
                throw new IllegalStateException("keytool failed (exit " + process.exitValue() + "): " + output);
            }
            if (null != Files.getFileAttributeView(keystore, PosixFileAttributeView.class))
            {
                Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
            }
            return keystore;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + keytool, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", ex);
        }
    }

    /**
     * A client SSL context that trusts the certificates of a keystore and nothing else (not even the JDK's CAs).
     *
     * @param keystore the PKCS12 keystore.
     * @param password its password.
     * @return a TLS context for {@code HttpClient.newBuilder().sslContext(...)}.
     */
    public static SSLContext trusting(final Path keystore, final char[] password)
    {
        try (InputStream in = Files.newInputStream(keystore))
        {
            final KeyStore source = KeyStore.getInstance(ServerTls.KEYSTORE_TYPE);
            source.load(in, password);
            final KeyStore trusted = KeyStore.getInstance(ServerTls.KEYSTORE_TYPE);
            trusted.load(null, null);
            for (final String alias : Collections.list(source.aliases()))
            {
                final Certificate certificate = source.getCertificate(alias);
                if (null != certificate)
                {
                    trusted.setCertificateEntry(alias, certificate);
                }
            }
            final TrustManagerFactory trust = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read keystore " + keystore, ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot build a trust store from " + keystore + ": " +
                ex.getMessage(), ex);
        }
    }
}
