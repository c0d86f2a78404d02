/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

import java.util.Locale;

/**
 * What a token's holder may do. A token carries one or more roles in its {@code roles} claim, spelled in lower case.
 */
public enum Role
{
    /**
     * Reads market data, portfolios and feed status.
     */
    VIEWER,

    /**
     * A viewer who may also place and cancel orders.
     */
    TRADER,

    /**
     * A trader who may also manage users and operate the system.
     */
    ADMIN;

    /**
     * The claim spelling.
     *
     * @return lower-case name, e.g. {@code viewer}.
     */
    public String claimValue()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role for a claim spelling.
     *
     * @param value e.g. {@code trader}.
     * @return the role, or null when the value names none.
     */
    public static Role fromClaim(final String value)
    {
        for (final Role role : values())
        {
            if (role.claimValue().equals(value))
            {
                return role;
            }
        }
        return null;
    }
}
