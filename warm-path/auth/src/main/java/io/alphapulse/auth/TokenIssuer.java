/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Issues HS256 access tokens: issuer, audience, subject (the user name), a {@code roles} claim, issued-at, expiry
 * and a unique id. Thread-safe.
 */
public final class TokenIssuer
{
    private final Algorithm algorithm;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    /**
     * An issuer with the default issuer, audience, lifetime and the system clock.
     *
     * @param secret the key.
     */
    public TokenIssuer(final JwtSecret secret)
    {
        this(secret, TokenConfiguration.ISSUER_DEFAULT, TokenConfiguration.AUDIENCE_DEFAULT,
            TokenConfiguration.TTL_DEFAULT, Clock.systemUTC());
    }

    /**
     * An issuer.
     *
     * @param secret   the key.
     * @param issuer   {@code iss}.
     * @param audience {@code aud}.
     * @param ttl      lifetime of each token.
     * @param clock    time source.
     */
    public TokenIssuer(
        final JwtSecret secret, final String issuer, final String audience, final Duration ttl, final Clock clock)
    {
        if (ttl.isNegative() || ttl.isZero())
        {
            throw new IllegalArgumentException("token lifetime must be positive: " + ttl);
        }
        this.algorithm = Algorithm.HMAC256(secret.key());
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Issue a token.
     *
     * @param user  user name, the subject.
     * @param roles at least one role.
     * @return the signed token.
     */
    public String issue(final String user, final Set<Role> roles)
    {
        if (null == user || user.isBlank())
        {
            throw new IllegalArgumentException("user name required");
        }
        if (roles.isEmpty())
        {
            throw new IllegalArgumentException("at least one role required for " + user);
        }
        final Instant now = clock.instant();
        return JWT.create()
            .withIssuer(issuer)
            .withAudience(audience)
            .withSubject(user)
            .withClaim(TokenConfiguration.ROLES_CLAIM, roles.stream().map(Role::claimValue).sorted().toList())
            .withIssuedAt(now)
            .withExpiresAt(now.plus(ttl))
            .withJWTId(UUID.randomUUID().toString())
            .sign(algorithm);
    }

    /**
     * Lifetime of issued tokens.
     *
     * @return lifetime.
     */
    public Duration ttl()
    {
        return ttl;
    }
}
