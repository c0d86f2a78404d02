/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.api.db.tables.records.ApiUsersRecord;
import io.alphapulse.auth.Role;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.alphapulse.api.db.Tables.API_USERS;

/**
 * Users and their roles ({@code api_users}).
 */
public final class UserRepository
{
    /**
     * A stored user.
     *
     * @param userId       id.
     * @param username     name.
     * @param passwordHash bcrypt hash.
     * @param roles        roles.
     * @param disabled     whether login is refused.
     * @param createdAt    creation time.
     */
    public record UserRow(
        long userId, String username, String passwordHash, Set<Role> roles, boolean disabled, OffsetDateTime createdAt)
    {
    }

    private final DSLContext dsl;

    /**
     * Over a database.
     *
     * @param dsl jOOQ context.
     */
    public UserRepository(final DSLContext dsl)
    {
        this.dsl = dsl;
    }

    /**
     * A user by name.
     *
     * @param username name.
     * @return the user or null.
     */
    public UserRow find(final String username)
    {
        final ApiUsersRecord record = dsl.selectFrom(API_USERS).where(API_USERS.USERNAME.eq(username)).fetchOne();
        return null == record ? null : row(record);
    }

    /**
     * A user by id.
     *
     * @param userId id.
     * @return the user or null.
     */
    public UserRow find(final long userId)
    {
        final ApiUsersRecord record = dsl.selectFrom(API_USERS).where(API_USERS.USER_ID.eq(userId)).fetchOne();
        return null == record ? null : row(record);
    }

    /**
     * Every user, by name.
     *
     * @return users.
     */
    public List<UserRow> list()
    {
        return dsl.selectFrom(API_USERS).orderBy(API_USERS.USERNAME).fetch(UserRepository::row);
    }

    /**
     * Enabled users holding the admin role.
     *
     * @return count.
     */
    public int countAdmins()
    {
        return dsl.fetchCount(API_USERS, API_USERS.DISABLED.isFalse()
            .and(DSL.val(Role.ADMIN.claimValue()).eq(DSL.any(API_USERS.ROLES))));
    }

    /**
     * Create a user.
     *
     * @param username     name (validated by the caller and the table's check).
     * @param passwordHash bcrypt hash.
     * @param roles        roles.
     * @return the user.
     * @throws ApiException 409 when the name is taken.
     */
    public UserRow create(final String username, final String passwordHash, final Set<Role> roles)
    {
        try
        {
            final ApiUsersRecord record = dsl.insertInto(API_USERS)
                .set(API_USERS.USERNAME, username)
                .set(API_USERS.PASSWORD_HASH, passwordHash)
                .set(API_USERS.ROLES, claims(roles))
                .returning()
                .fetchOne();
            return row(record);
        }
        catch (final IntegrityConstraintViolationException ex)
        {
            throw ApiException.conflict("user '" + username + "' exists already");
        }
    }

    /**
     * Change a user; null arguments leave a field as it is.
     *
     * @param userId       user.
     * @param roles        new roles or null.
     * @param disabled     new state or null.
     * @param passwordHash new hash or null.
     * @return true when the user exists.
     */
    public boolean update(final long userId, final Set<Role> roles, final Boolean disabled, final String passwordHash)
    {
        final ApiUsersRecord record = dsl.newRecord(API_USERS);
        if (null != roles)
        {
            record.setRoles(claims(roles));
        }
        if (null != disabled)
        {
            record.setDisabled(disabled);
        }
        if (null != passwordHash)
        {
            record.setPasswordHash(passwordHash);
        }
        record.setUpdatedAt(OffsetDateTime.now());
        return dsl.update(API_USERS).set(record).where(API_USERS.USER_ID.eq(userId)).execute() == 1;
    }

    static String[] claims(final Set<Role> roles)
    {
        return roles.stream().map(Role::claimValue).sorted().toArray(String[]::new);
    }

    private static UserRow row(final ApiUsersRecord record)
    {
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        for (final String claim : record.getRoles())
        {
            final Role role = Role.fromClaim(claim);
            if (null != role)
            {
                roles.add(role);
            }
        }
        return new UserRow(record.getUserId(), record.getUsername(), record.getPasswordHash(), roles,
            record.getDisabled(), record.getCreatedAt());
    }
}
