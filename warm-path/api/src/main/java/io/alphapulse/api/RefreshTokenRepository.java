/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.api.db.tables.records.RefreshTokensRecord;
import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.util.UUID;

import static io.alphapulse.api.db.Tables.REFRESH_TOKENS;

/**
 * Refresh tokens ({@code refresh_tokens}), stored only as SHA-256 hashes. Every method takes the jOOQ context to run
 * in, so the rotation can lock, revoke and issue in one transaction.
 */
public final class RefreshTokenRepository
{
    /**
     * A stored token.
     *
     * @param tokenId   id.
     * @param familyId  the login it descends from.
     * @param userId    user.
     * @param expiresAt expiry.
     * @param revokedAt revocation time or null.
     */
    public record TokenRow(long tokenId, UUID familyId, long userId, OffsetDateTime expiresAt, OffsetDateTime revokedAt)
    {
    }

    /**
     * Store a token.
     *
     * @param dsl       context (transaction).
     * @param tokenHash SHA-256 of the token.
     * @param familyId  family.
     * @param userId    user.
     * @param issuedAt  issue time.
     * @param expiresAt expiry.
     * @return its id.
     */
    public long insert(
        final DSLContext dsl,
        final byte[] tokenHash,
        final UUID familyId,
        final long userId,
        final OffsetDateTime issuedAt,
        final OffsetDateTime expiresAt)
    {
        return dsl.insertInto(REFRESH_TOKENS)
            .set(REFRESH_TOKENS.TOKEN_HASH, tokenHash)
            .set(REFRESH_TOKENS.FAMILY_ID, familyId)
            .set(REFRESH_TOKENS.USER_ID, userId)
            .set(REFRESH_TOKENS.ISSUED_AT, issuedAt)
            .set(REFRESH_TOKENS.EXPIRES_AT, expiresAt)
            .returning(REFRESH_TOKENS.TOKEN_ID)
            .fetchOne(REFRESH_TOKENS.TOKEN_ID);
    }

    /**
     * Find a token by hash and lock its row for the rest of the transaction (two refreshes with the same token
     * cannot both succeed).
     *
     * @param dsl       context (transaction).
     * @param tokenHash SHA-256 of the token.
     * @return the token or null.
     */
    public TokenRow findForUpdate(final DSLContext dsl, final byte[] tokenHash)
    {
        final RefreshTokensRecord record = dsl.selectFrom(REFRESH_TOKENS)
            .where(REFRESH_TOKENS.TOKEN_HASH.eq(tokenHash))
            .forUpdate()
            .fetchOne();
        return null == record ? null : new TokenRow(record.getTokenId(), record.getFamilyId(), record.getUserId(),
            record.getExpiresAt(), record.getRevokedAt());
    }

    /**
     * Revoke one token, noting its successor.
     *
     * @param dsl        context.
     * @param tokenId    token.
     * @param replacedBy successor or null.
     * @param now        time.
     */
    public void revoke(final DSLContext dsl, final long tokenId, final Long replacedBy, final OffsetDateTime now)
    {
        dsl.update(REFRESH_TOKENS)
            .set(REFRESH_TOKENS.REVOKED_AT, now)
            .set(REFRESH_TOKENS.REPLACED_BY, replacedBy)
            .where(REFRESH_TOKENS.TOKEN_ID.eq(tokenId))
            .execute();
    }

    /**
     * Revoke every live token of a family (a reused token: the family is compromised).
     *
     * @param dsl      context.
     * @param familyId family.
     * @param now      time.
     * @return tokens revoked.
     */
    public int revokeFamily(final DSLContext dsl, final UUID familyId, final OffsetDateTime now)
    {
        return dsl.update(REFRESH_TOKENS)
            .set(REFRESH_TOKENS.REVOKED_AT, now)
            .where(REFRESH_TOKENS.FAMILY_ID.eq(familyId).and(REFRESH_TOKENS.REVOKED_AT.isNull()))
            .execute();
    }

    /**
     * Revoke every live token of a user (disabled, password changed).
     *
     * @param dsl    context.
     * @param userId user.
     * @param now    time.
     * @return tokens revoked.
     */
    public int revokeUser(final DSLContext dsl, final long userId, final OffsetDateTime now)
    {
        return dsl.update(REFRESH_TOKENS)
            .set(REFRESH_TOKENS.REVOKED_AT, now)
            .where(REFRESH_TOKENS.USER_ID.eq(userId).and(REFRESH_TOKENS.REVOKED_AT.isNull()))
            .execute();
    }

    /**
     * Delete tokens expired before a time.
     *
     * @param dsl    context.
     * @param before time.
     * @return tokens deleted.
     */
    public int deleteExpired(final DSLContext dsl, final OffsetDateTime before)
    {
        // Successors point at their predecessors' rows only through replaced_by of older rows; clear those first.
        dsl.update(REFRESH_TOKENS).setNull(REFRESH_TOKENS.REPLACED_BY)
            .where(REFRESH_TOKENS.REPLACED_BY.in(
                dsl.select(REFRESH_TOKENS.TOKEN_ID).from(REFRESH_TOKENS).where(REFRESH_TOKENS.EXPIRES_AT.lt(before))))
            .execute();
        return dsl.deleteFrom(REFRESH_TOKENS).where(REFRESH_TOKENS.EXPIRES_AT.lt(before)).execute();
    }
}
