/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;

import static io.alphapulse.api.db.Tables.LOGIN_ATTEMPTS;

/**
 * Login attempts ({@code login_attempts}): the audit trail and the source of login throttling, shared by every API
 * process on the database.
 */
public final class LoginAttemptRepository
{
    /**
     * Failures in a window.
     *
     * @param count  failed attempts.
     * @param oldest the oldest of them, or null.
     */
    public record Failures(int count, OffsetDateTime oldest)
    {
    }

    private final DSLContext dsl;

    /**
     * Over a database.
     *
     * @param dsl jOOQ context.
     */
    public LoginAttemptRepository(final DSLContext dsl)
    {
        this.dsl = dsl;
    }

    /**
     * Record an attempt.
     *
     * @param time          time.
     * @param username      name given (may not exist).
     * @param sourceAddress client address.
     * @param success       outcome.
     */
    public void record(final OffsetDateTime time, final String username, final String sourceAddress,
        final boolean success)
    {
        dsl.insertInto(LOGIN_ATTEMPTS)
            .set(LOGIN_ATTEMPTS.TIME, time)
            .set(LOGIN_ATTEMPTS.USERNAME, username)
            .set(LOGIN_ATTEMPTS.SOURCE_ADDRESS, sourceAddress)
            .set(LOGIN_ATTEMPTS.SUCCESS, success)
            .execute();
    }

    /**
     * Failures of a user name since a time, and since its last success.
     *
     * @param username name.
     * @param since    window start.
     * @return failures.
     */
    public Failures failuresOfUser(final String username, final OffsetDateTime since)
    {
        final OffsetDateTime lastSuccess = dsl.select(DSL.max(LOGIN_ATTEMPTS.TIME)).from(LOGIN_ATTEMPTS)
            .where(LOGIN_ATTEMPTS.USERNAME.eq(username).and(LOGIN_ATTEMPTS.SUCCESS.isTrue())
                .and(LOGIN_ATTEMPTS.TIME.ge(since)))
            .fetchOne(0, OffsetDateTime.class);
        final Record2<Integer, OffsetDateTime> row = dsl.select(DSL.count(), DSL.min(LOGIN_ATTEMPTS.TIME))
            .from(LOGIN_ATTEMPTS)
            .where(LOGIN_ATTEMPTS.USERNAME.eq(username).and(LOGIN_ATTEMPTS.SUCCESS.isFalse())
                .and(null == lastSuccess ? LOGIN_ATTEMPTS.TIME.ge(since) : LOGIN_ATTEMPTS.TIME.gt(lastSuccess)))
            .fetchOne();
        return new Failures(row.value1(), row.value2());
    }

    /**
     * Failures from an address since a time.
     *
     * @param sourceAddress address.
     * @param since         window start.
     * @return failures.
     */
    public Failures failuresFromSource(final String sourceAddress, final OffsetDateTime since)
    {
        final Record2<Integer, OffsetDateTime> row = dsl.select(DSL.count(), DSL.min(LOGIN_ATTEMPTS.TIME))
            .from(LOGIN_ATTEMPTS)
            .where(LOGIN_ATTEMPTS.SOURCE_ADDRESS.eq(sourceAddress).and(LOGIN_ATTEMPTS.SUCCESS.isFalse())
                .and(LOGIN_ATTEMPTS.TIME.ge(since)))
            .fetchOne();
        return new Failures(row.value1(), row.value2());
    }

    /**
     * Delete attempts older than a time.
     *
     * @param before time.
     * @return rows deleted.
     */
    public int deleteBefore(final OffsetDateTime before)
    {
        return dsl.deleteFrom(LOGIN_ATTEMPTS).where(LOGIN_ATTEMPTS.TIME.lt(before)).execute();
    }
}
