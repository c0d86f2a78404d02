/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

import java.time.Duration;

/**
 * Defaults shared by the token issuer and verifiers.
 */
public final class TokenConfiguration
{
    /**
     * Issuer ({@code iss}) of our tokens.
     */
    public static final String ISSUER_DEFAULT = "alphapulse";

    /**
     * Audience ({@code aud}) of our tokens.
     */
    public static final String AUDIENCE_DEFAULT = "alphapulse";

    /**
     * Lifetime of a token: short, so a leaked one (e.g. from a query string in a proxy log) is soon useless.
     */
    public static final Duration TTL_DEFAULT = Duration.ofMinutes(15);

    /**
     * Clock skew tolerated on expiry and issued-at, seconds.
     */
    public static final long LEEWAY_SECONDS_DEFAULT = 5;

    /**
     * Name of the claim holding the roles.
     */
    public static final String ROLES_CLAIM = "roles";

    private TokenConfiguration()
    {
    }
}
