/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who a verified token speaks for.
 *
 * @param user      user name (the token's subject).
 * @param roles     roles granted, never empty.
 * @param expiresAt when the token stops being accepted.
 */
public record Principal(String user, Set<Role> roles, Instant expiresAt)
{
    /**
     * A principal.
     *
     * @param user      user name (the token's subject).
     * @param roles     roles granted, never empty.
     * @param expiresAt when the token stops being accepted.
     */
    public Principal
    {
        roles = Set.copyOf(roles);
    }

    /**
     * Whether the principal holds a role.
     *
     * @param role role.
     * @return true if granted.
     */
    public boolean hasRole(final Role role)
    {
        return roles.contains(role);
    }
}
