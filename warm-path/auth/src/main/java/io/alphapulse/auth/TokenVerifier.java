/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies access tokens: HS256 only, our key, issuer, audience, expiry (required), a subject and valid roles.
 * Every refusal has a distinct {@link TokenRejection}. The algorithm is checked from the header before the signature,
 * so an unsigned ({@code alg: none}) or otherwise-signed token is named as such and never accepted. Thread-safe.
 */
public final class TokenVerifier
{
    private static final String HS256 = "HS256";

    private final JWTVerifier verifier;

    /**
     * A verifier with the default issuer and audience and the system clock.
     *
     * @param secret the key.
     */
    public TokenVerifier(final JwtSecret secret)
    {
        this(secret, TokenConfiguration.ISSUER_DEFAULT, TokenConfiguration.AUDIENCE_DEFAULT, Clock.systemUTC());
    }

    /**
     * A verifier.
     *
     * @param secret   the key.
     * @param issuer   accepted {@code iss}.
     * @param audience accepted {@code aud}.
     * @param clock    time source.
     */
    public TokenVerifier(final JwtSecret secret, final String issuer, final String audience, final Clock clock)
    {
        final JWTVerifier.BaseVerification verification = (JWTVerifier.BaseVerification)JWT
            .require(Algorithm.HMAC256(secret.key()))
            .withIssuer(issuer)
            .withAudience(audience)
            .withClaimPresence("exp")
            .withClaimPresence("sub")
            .acceptLeeway(TokenConfiguration.LEEWAY_SECONDS_DEFAULT);
        this.verifier = verification.build(clock);
    }

    /**
     * Verify a token.
     *
     * @param token the compact JWT, or null.
     * @return the principal, or the reason for refusal.
     */
    public TokenVerification verify(final String token)
    {
        if (null == token || token.isBlank())
        {
            return TokenVerification.rejected(TokenRejection.MISSING);
        }

        final DecodedJWT unverified;
        try
        {
            unverified = JWT.decode(token);
        }
        catch (final JWTDecodeException ex)
        {
            return TokenVerification.rejected(TokenRejection.MALFORMED);
        }

        final String algorithm = unverified.getAlgorithm();
        if (null == algorithm || "none".equals(algorithm.toLowerCase(Locale.ROOT)))
        {
            return TokenVerification.rejected(TokenRejection.ALG_NONE);
        }
        if (!HS256.equals(algorithm))
        {
            return TokenVerification.rejected(TokenRejection.WRONG_ALGORITHM);
        }

        final DecodedJWT verified;
        try
        {
            verified = verifier.verify(unverified);
        }
        catch (final AlgorithmMismatchException ex)
        {
            return TokenVerification.rejected(TokenRejection.WRONG_ALGORITHM);
        }
        catch (final SignatureVerificationException ex)
        {
            return TokenVerification.rejected(TokenRejection.BAD_SIGNATURE);
        }
        catch (final TokenExpiredException ex)
        {
            return TokenVerification.rejected(TokenRejection.EXPIRED);
        }
        catch (final MissingClaimException ex)
        {
            return TokenVerification.rejected(rejectionForClaim(ex.getClaimName(), TokenRejection.BAD_CLAIMS));
        }
        catch (final IncorrectClaimException ex)
        {
            return TokenVerification.rejected(rejectionForClaim(ex.getClaimName(), TokenRejection.BAD_CLAIMS));
        }
        catch (final JWTVerificationException ex)
        {
            return TokenVerification.rejected(TokenRejection.MALFORMED);
        }

        final Set<Role> roles = roles(verified.getClaim(TokenConfiguration.ROLES_CLAIM));
        final String subject = verified.getSubject();
        if (null == roles || null == subject || subject.isBlank())
        {
            return TokenVerification.rejected(TokenRejection.BAD_CLAIMS);
        }
        return TokenVerification.accepted(new Principal(subject, roles, verified.getExpiresAtAsInstant()));
    }

    private static TokenRejection rejectionForClaim(final String claim, final TokenRejection otherwise)
    {
        return switch (claim)
        {
            case "iss" -> TokenRejection.WRONG_ISSUER;
            case "aud" -> TokenRejection.WRONG_AUDIENCE;
            case "exp" -> TokenRejection.EXPIRED;
            case "iat", "nbf" -> TokenRejection.NOT_YET_VALID;
            default -> otherwise;
        };
    }

    private static Set<Role> roles(final Claim claim)
    {
        if (null == claim || claim.isNull() || claim.isMissing())
        {
            return null;
        }
        final List<String> values;
        try
        {
            values = claim.asList(String.class);
        }
        catch (final JWTDecodeException ex)
        {
            return null;
        }
        if (null == values || values.isEmpty())
        {
            return null;
        }
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        for (final String value : values)
        {
            final Role role = Role.fromClaim(value);
            if (null == role)
            {
                return null;
            }
            roles.add(role);
        }
        return roles;
    }
}
