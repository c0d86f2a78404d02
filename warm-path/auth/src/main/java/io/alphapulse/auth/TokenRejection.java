/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

/**
 * Why a token was refused. Each reason is distinct, so a client (and an operator reading counters) can tell an
 * expired token from a forged one.
 */
public enum TokenRejection
{
    /**
     * No token was presented.
     */
    MISSING("token missing"),

    /**
     * Not a JWT: wrong number of parts, bad base64 or JSON.
     */
    MALFORMED("token malformed"),

    /**
     * The header says {@code alg: none}: an unsigned token.
     */
    ALG_NONE("unsigned token (alg none)"),

    /**
     * Signed with an algorithm other than HS256.
     */
    WRONG_ALGORITHM("token algorithm not accepted"),

    /**
     * The HS256 signature does not verify with our key: forged or signed with another secret.
     */
    BAD_SIGNATURE("token signature invalid"),

    /**
     * Past its expiry (or without one).
     */
    EXPIRED("token expired"),

    /**
     * Not valid yet (issued-at or not-before in the future).
     */
    NOT_YET_VALID("token not valid yet"),

    /**
     * Issued by someone else.
     */
    WRONG_ISSUER("token issuer not accepted"),

    /**
     * Meant for another audience.
     */
    WRONG_AUDIENCE("token audience not accepted"),

    /**
     * No subject, or no valid {@code roles} claim.
     */
    BAD_CLAIMS("token claims invalid");

    private final String message;

    TokenRejection(final String message)
    {
        this.message = message;
    }

    /**
     * A short message safe to show a client (it never contains the token or the secret).
     *
     * @return message.
     */
    public String message()
    {
        return message;
    }
}
