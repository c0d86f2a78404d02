/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.alphapulse.auth.Role;
import io.alphapulse.auth.TokenIssuer;
import org.jooq.DSLContext;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Logins, refresh-token rotation, passwords, throttling and the first admin.
 * <ul>
 * <li>Passwords are bcrypt hashes (cost configurable, 12 by default). An unknown user costs the same bcrypt work as
 * a known one, so response times do not tell which names exist.</li>
 * <li>Access tokens are the short-lived HS256 JWTs of {@link TokenIssuer}, the ones the bridge accepts.</li>
 * <li>Refresh tokens are 256 random bits, stored only as SHA-256 hashes, single use: each refresh revokes the token
 * and issues its successor in one transaction (the row is locked, so two concurrent refreshes cannot both win). A
 * revoked token presented again means it was copied: every token of that login (its family) is revoked.</li>
 * <li>Throttling counts failed attempts in a sliding window per user name (since its last success) and per source
 * address, in the database (shared by every API process); over the limit a login is refused with 429 and
 * Retry-After before any password is checked.</li>
 * </ul>
 */
public final class AuthService
{
    static final int PASSWORD_MIN_LENGTH = 12;
    static final int PASSWORD_MAX_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final char[] PASSWORD_ALPHABET =
        "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    /**
     * Tokens of a session.
     *
     * @param accessToken      JWT.
     * @param refreshToken     opaque refresh token.
     * @param refreshExpiresAt refresh expiry.
     * @param username         user.
     * @param roles            roles.
     */
    public record Tokens(
        String accessToken, String refreshToken, OffsetDateTime refreshExpiresAt, String username, Set<Role> roles)
    {
    }

    private final DSLContext dsl;
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final LoginAttemptRepository attempts;
    private final TokenIssuer issuer;
    private final ApiServer.Context ctx;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    AuthService(
        final DSLContext dsl,
        final UserRepository users,
        final RefreshTokenRepository refreshTokens,
        final LoginAttemptRepository attempts,
        final TokenIssuer issuer,
        final ApiServer.Context ctx)
    {
        this.dsl = dsl;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.attempts = attempts;
        this.issuer = issuer;
        this.ctx = ctx;
        this.clock = ctx.clock();
        this.dummyHash = hash(randomPassword(24));
    }

    /**
     * Create the first admin when no enabled admin exists: the password from configuration, else a generated one
     * printed once to {@code out} (never logged, never stored in clear).
     *
     * @param out where the generated password is printed.
     * @return the user name created, or null when an admin existed.
     */
    public String bootstrapAdmin(final PrintStream out)
    {
        if (users.countAdmins() > 0)
        {
            return null;
        }
        final String username = ctx.adminUser();
        String password = ctx.adminPassword();
        final boolean generated = null == password;
        if (generated)
        {
            password = randomPassword(20);
        }
        else
        {
            checkPassword(password);
        }
        final UserRepository.UserRow existing = users.find(username);
        final Set<Role> roles = EnumSet.allOf(Role.class);
        if (null == existing)
        {
            users.create(username, hash(password), roles);
        }
        else
        {
            users.update(existing.userId(), roles, false, hash(password));
        }
        if (generated)
        {
            out.println("api: first admin created: user '" + username + "' password '" + password + "' (shown " +
                "once; set " + ApiConfiguration.ADMIN_PASSWORD_ENV_NAME + " to choose it, change it with " +
                "POST /api/v1/auth/password)");
        }
        else
        {
            out.println("api: first admin created: user '" + username + "' with the configured password");
        }
        out.flush();
        return username;
    }

    /**
     * Log in.
     *
     * @param username      user name.
     * @param password      password.
     * @param sourceAddress client address.
     * @return tokens.
     * @throws ApiException 401 for bad credentials, 429 when throttled.
     */
    public Tokens login(final String username, final String password, final String sourceAddress)
    {
        if (null == username || null == password || username.isEmpty() || password.isEmpty())
        {
            throw ApiException.badRequest("username and password are required");
        }
        final String name = username.length() > 64 ? username.substring(0, 64) : username;
        final OffsetDateTime now = now();
        final OffsetDateTime since = now.minus(ctx.loginWindow());
        throttle(attempts.failuresOfUser(name, since), ctx.loginMaxFailuresPerUser(), now,
            "too many failed logins for this user");
        throttle(attempts.failuresFromSource(sourceAddress, since), ctx.loginMaxFailuresPerSource(), now,
            "too many failed logins from this address");

        final UserRepository.UserRow user = USERNAME.matcher(name).matches() ? users.find(name) : null;
        final boolean passwordOk = verify(password, null == user ? dummyHash : user.passwordHash());
        if (null == user || !passwordOk || user.disabled())
        {
            attempts.record(now, name, sourceAddress, false);
            throw new ApiException(401, "invalid-credentials", "Unauthorized",
                "user name or password not accepted (or the user is disabled); check them and try again", Map.of());
        }
        attempts.record(now, name, sourceAddress, true);
        return issue(dsl, user, UUID.randomUUID(), now);
    }

    /**
     * Rotate a refresh token.
     *
     * @param refreshToken the token.
     * @return new tokens.
     * @throws ApiException 401 when the token is unknown, expired, revoked or reused.
     */
    public Tokens refresh(final String refreshToken)
    {
        final byte[] hash = sha256(required(refreshToken));
        final OffsetDateTime now = now();
        final Object outcome = dsl.transactionResult((configuration) ->
        {
            final DSLContext tx = configuration.dsl();
            final RefreshTokenRepository.TokenRow row = refreshTokens.findForUpdate(tx, hash);
            if (null == row)
            {
                return "refresh token not recognised: log in again";
            }
            if (null != row.revokedAt())
            {
                refreshTokens.revokeFamily(tx, row.familyId(), now);
                return "refresh token already used or revoked; for safety every token of that login is now " +
                    "revoked: log in again";
            }
            if (!row.expiresAt().isAfter(now))
            {
                refreshTokens.revoke(tx, row.tokenId(), null, now);
                return "refresh token expired: log in again";
            }
            final UserRepository.UserRow user = users.find(row.userId());
            if (null == user || user.disabled())
            {
                refreshTokens.revokeFamily(tx, row.familyId(), now);
                return "user disabled: ask an admin";
            }
            return rotate(tx, row, user, now);
        });
        if (outcome instanceof Tokens tokens)
        {
            return tokens;
        }
        throw new ApiException(401, "invalid-refresh-token", "Unauthorized", (String)outcome, Map.of());
    }

    /**
     * Revoke a refresh token (logout). Unknown tokens are ignored.
     *
     * @param refreshToken the token.
     */
    public void logout(final String refreshToken)
    {
        final byte[] hash = sha256(required(refreshToken));
        final OffsetDateTime now = now();
        dsl.transaction((configuration) ->
        {
            final DSLContext tx = configuration.dsl();
            final RefreshTokenRepository.TokenRow row = refreshTokens.findForUpdate(tx, hash);
            if (null != row)
            {
                refreshTokens.revokeFamily(tx, row.familyId(), now);
            }
        });
    }

    /**
     * Change one's own password; revokes every refresh token of the user.
     *
     * @param username        the caller.
     * @param currentPassword current password.
     * @param newPassword     new password.
     */
    public void changePassword(final String username, final String currentPassword, final String newPassword)
    {
        final UserRepository.UserRow user = users.find(username);
        if (null == user || null == currentPassword || !verify(currentPassword, user.passwordHash()))
        {
            throw new ApiException(400, "invalid-credentials", "Invalid request",
                "currentPassword not accepted: give your current password", Map.of());
        }
        checkPassword(newPassword);
        users.update(user.userId(), null, null, hash(newPassword));
        refreshTokens.revokeUser(dsl, user.userId(), now());
    }

    /**
     * Create a user (admin).
     *
     * @param username name.
     * @param password password.
     * @param roles    role names.
     * @return the user.
     */
    public UserRepository.UserRow createUser(final String username, final String password, final List<String> roles)
    {
        if (null == username || !USERNAME.matcher(username).matches())
        {
            throw ApiException.badRequest("username must be 1-64 letters, digits, '_', '.' or '-'");
        }
        checkPassword(password);
        return users.create(username, hash(password), roles(roles));
    }

    /**
     * Change a user (admin). Disabling or a new password revokes the user's refresh tokens.
     *
     * @param username name.
     * @param update   changes.
     * @return the user after the change.
     */
    public UserRepository.UserRow updateUser(final String username, final Dto.UserUpdate update)
    {
        final UserRepository.UserRow user = users.find(username);
        if (null == user)
        {
            throw ApiException.notFound("no user '" + Params.clip(username) + "'");
        }
        final Set<Role> roles = null == update.roles() ? null : roles(update.roles());
        final String passwordHash;
        if (null != update.password())
        {
            checkPassword(update.password());
            passwordHash = hash(update.password());
        }
        else
        {
            passwordHash = null;
        }
        users.update(user.userId(), roles, update.disabled(), passwordHash);
        if (Boolean.TRUE.equals(update.disabled()) || null != passwordHash)
        {
            refreshTokens.revokeUser(dsl, user.userId(), now());
        }
        return users.find(user.userId());
    }

    /**
     * Users (admin).
     *
     * @return users.
     */
    public List<UserRepository.UserRow> users()
    {
        return users.list();
    }

    private Tokens rotate(
        final DSLContext tx, final RefreshTokenRepository.TokenRow row, final UserRepository.UserRow user,
        final OffsetDateTime now)
    {
        final Tokens tokens = issue(tx, user, row.familyId(), now);
        final RefreshTokenRepository.TokenRow successor = refreshTokens.findForUpdate(tx,
            sha256(tokens.refreshToken()));
        refreshTokens.revoke(tx, row.tokenId(), successor.tokenId(), now);
        return tokens;
    }

    private Tokens issue(
        final DSLContext context, final UserRepository.UserRow user, final UUID familyId, final OffsetDateTime now)
    {
        final byte[] raw = new byte[32];
        random.nextBytes(raw);
        final String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        final OffsetDateTime expiresAt = now.plus(ctx.refreshTokenTtl());
        refreshTokens.insert(context, sha256(refreshToken), familyId, user.userId(), now, expiresAt);
        return new Tokens(issuer.issue(user.username(), user.roles()), refreshToken, expiresAt, user.username(),
            user.roles());
    }

    private void throttle(
        final LoginAttemptRepository.Failures failures, final int max, final OffsetDateTime now, final String what)
    {
        if (failures.count() >= max)
        {
            final OffsetDateTime until = failures.oldest().plus(ctx.loginWindow());
            final long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
            throw new ApiException(429, "login-throttled", "Too many requests", what + " (" + failures.count() +
                " in " + ctx.loginWindow().toMinutes() + " min); try again in " + seconds + " s",
                Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    private static String required(final String refreshToken)
    {
        if (null == refreshToken || refreshToken.isBlank() || refreshToken.length() > 256)
        {
            throw ApiException.badRequest("refreshToken is required");
        }
        return refreshToken;
    }

    static Set<Role> roles(final List<String> names)
    {
        if (null == names || names.isEmpty())
        {
            throw ApiException.badRequest("roles must name at least one of viewer, trader, admin");
        }
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        for (final String name : names)
        {
            final Role role = null == name ? null : Role.fromClaim(name.toLowerCase(Locale.ROOT));
            if (null == role)
            {
                throw ApiException.badRequest("unknown role '" + Params.clip(name) + "': use viewer, trader or admin");
            }
            roles.add(role);
        }
        return roles;
    }

    static void checkPassword(final String password)
    {
        if (null == password || password.length() < PASSWORD_MIN_LENGTH)
        {
            throw ApiException.badRequest("password must have at least " + PASSWORD_MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES)
        {
            throw ApiException.badRequest("password must be at most " + PASSWORD_MAX_BYTES + " bytes (bcrypt's limit)");
        }
    }

    private String hash(final String password)
    {
        return BCrypt.withDefaults().hashToString(ctx.bcryptCost(), password.toCharArray());
    }

    private static boolean verify(final String password, final String hash)
    {
        if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES)
        {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    private String randomPassword(final int length)
    {
        final char[] chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
        }
        return new String(chars);
    }

    private OffsetDateTime now()
    {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    static byte[] sha256(final String token)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 missing from the JDK", ex);
        }
    }
}
