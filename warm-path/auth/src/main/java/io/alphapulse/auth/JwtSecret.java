/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The HS256 key shared by the token issuer (the API) and verifiers (the API, the bridge). It is never logged:
 * {@link #toString()} says only where it came from. It is never hard-coded: it comes from the environment variable
 * {@value #ENV_NAME} or from a file readable by its owner only ({@value #FILE_ENV_NAME} or the system property
 * {@value #FILE_PROP_NAME}).
 */
public final class JwtSecret
{
    /**
     * Environment variable holding the secret itself.
     */
    public static final String ENV_NAME = "ALPHAPULSE_JWT_SECRET";

    /**
     * Environment variable naming a file that holds the secret.
     */
    public static final String FILE_ENV_NAME = "ALPHAPULSE_JWT_SECRET_FILE";

    /**
     * System property naming a file that holds the secret.
     */
    public static final String FILE_PROP_NAME = "alphapulse.jwt.secret.file";

    /**
     * Shortest accepted secret: HS256 needs a key of at least 256 bits (RFC 7518, section 3.2).
     */
    public static final int MIN_LENGTH = 32;

    private final byte[] key;
    private final String source;

    private JwtSecret(final byte[] key, final String source)
    {
        if (key.length < MIN_LENGTH)
        {
            throw new IllegalArgumentException("JWT secret from " + source + " is " + key.length +
                " bytes; HS256 needs at least " + MIN_LENGTH);
        }
        this.key = key.clone();
        this.source = source;
    }

    /**
     * A secret from bytes (tests, a secret manager).
     *
     * @param key    at least {@link #MIN_LENGTH} bytes.
     * @param source where it came from, for messages.
     * @return the secret.
     */
    public static JwtSecret of(final byte[] key, final String source)
    {
        return new JwtSecret(key, source);
    }

    /**
     * Read a secret file: its trimmed content as UTF-8. On POSIX file systems the file must not be readable or
     * writable by group or others.
     *
     * @param file the file.
     * @return the secret.
     */
    public static JwtSecret fromFile(final Path file)
    {
        final byte[] bytes = SecretFiles.readOwnerOnly(file, "JWT secret file");
        final byte[] trimmed = new String(bytes, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte)0);
        return new JwtSecret(trimmed, "file " + file);
    }

    /**
     * The secret from the environment: {@value #ENV_NAME}, else the file named by {@value #FILE_PROP_NAME} or
     * {@value #FILE_ENV_NAME}.
     *
     * @param env environment (normally {@code System.getenv()}).
     * @return the secret.
     * @throws IllegalStateException when none is configured.
     */
    public static JwtSecret fromEnvironment(final Map<String, String> env)
    {
        final String value = env.get(ENV_NAME);
        if (null != value && !value.isBlank())
        {
            return new JwtSecret(value.strip().getBytes(StandardCharsets.UTF_8), "environment " + ENV_NAME);
        }
        String file = System.getProperty(FILE_PROP_NAME);
        if (null == file || file.isBlank())
        {
            file = env.get(FILE_ENV_NAME);
        }
        if (null != file && !file.isBlank())
        {
            return fromFile(Path.of(file));
        }
        throw new IllegalStateException("no JWT secret: set " + ENV_NAME + " (at least " + MIN_LENGTH +
            " bytes), or " + FILE_ENV_NAME + " / -D" + FILE_PROP_NAME + " to a file only its owner can read; or run " +
            "with auth off for development");
    }

    byte[] key()
    {
        return key;
    }

    /**
     * Where the secret came from; never the secret.
     *
     * @return e.g. {@code JwtSecret[environment ALPHAPULSE_JWT_SECRET]}.
     */
    public String toString()
    {
        return "JwtSecret[" + source + "]";
    }
}
