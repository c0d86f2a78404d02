/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

/**
 * Outcome of {@link TokenVerifier#verify(String)}: a principal, or a rejection with its reason.
 *
 * @param principal who the token speaks for, or null when rejected.
 * @param rejection why it was refused, or null when accepted.
 */
public record TokenVerification(Principal principal, TokenRejection rejection)
{
    /**
     * An accepted token.
     *
     * @param principal who it speaks for.
     * @return the outcome.
     */
    public static TokenVerification accepted(final Principal principal)
    {
        return new TokenVerification(principal, null);
    }

    /**
     * A refused token.
     *
     * @param rejection why.
     * @return the outcome.
     */
    public static TokenVerification rejected(final TokenRejection rejection)
    {
        return new TokenVerification(null, rejection);
    }

    /**
     * Whether the token was accepted.
     *
     * @return true if accepted.
     */
    public boolean isAccepted()
    {
        return null != principal;
    }
}
