/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import org.jooq.DSLContext;

import java.util.List;
import java.util.Set;

import static io.alphapulse.api.db.Tables.API_USERS;
import static io.alphapulse.api.db.Tables.PORTFOLIO_ACCESS;

/**
 * Who may see and trade which portfolio ({@code portfolio_access}): owners and users granted a portfolio. Admins see
 * every portfolio without a row here.
 */
final class AccessRepository
{
    /**
     * Relation of a user to a portfolio.
     */
    static final Set<String> RELATIONS = Set.of("owner", "granted");

    private final DSLContext dsl;

    AccessRepository(final DSLContext dsl)
    {
        this.dsl = dsl;
    }

    /**
     * Portfolios a user owns or was granted.
     *
     * @param username user.
     * @return ids (immutable).
     */
    Set<Integer> visiblePortfolios(final String username)
    {
        return Set.copyOf(dsl.select(PORTFOLIO_ACCESS.PORTFOLIO_ID).from(PORTFOLIO_ACCESS)
            .where(PORTFOLIO_ACCESS.USERNAME.eq(username)).fetch(PORTFOLIO_ACCESS.PORTFOLIO_ID));
    }

    /**
     * Who may see a portfolio.
     *
     * @param portfolioId portfolio.
     * @return grants by user name.
     */
    List<Dto.PortfolioGrant> grants(final int portfolioId)
    {
        return dsl.selectFrom(PORTFOLIO_ACCESS).where(PORTFOLIO_ACCESS.PORTFOLIO_ID.eq(portfolioId))
            .orderBy(PORTFOLIO_ACCESS.USERNAME)
            .fetch((r) -> new Dto.PortfolioGrant(r.getPortfolioId(), r.getUsername(), r.getRelation(),
                Params.time(r.getGrantedAt())));
    }

    /**
     * Give a user a portfolio (or change the relation).
     *
     * @param portfolioId portfolio.
     * @param username    user; must exist.
     * @param relation    owner or granted.
     * @return the grant.
     */
    Dto.PortfolioGrant grant(final int portfolioId, final String username, final String relation)
    {
        if (!dsl.fetchExists(API_USERS, API_USERS.USERNAME.eq(username)))
        {
            throw ApiException.notFound("no user '" + Params.clip(username) + "' (see GET /api/v1/admin/users)");
        }
        return dsl.insertInto(PORTFOLIO_ACCESS)
            .set(PORTFOLIO_ACCESS.PORTFOLIO_ID, portfolioId)
            .set(PORTFOLIO_ACCESS.USERNAME, username)
            .set(PORTFOLIO_ACCESS.RELATION, relation)
            .onConflict(PORTFOLIO_ACCESS.PORTFOLIO_ID, PORTFOLIO_ACCESS.USERNAME)
            .doUpdate().set(PORTFOLIO_ACCESS.RELATION, relation)
            .returning()
            .fetchOne((r) -> new Dto.PortfolioGrant(r.getPortfolioId(), r.getUsername(), r.getRelation(),
                Params.time(r.getGrantedAt())));
    }

    /**
     * Take a portfolio away from a user.
     *
     * @param portfolioId portfolio.
     * @param username    user.
     * @return true when there was a grant.
     */
    boolean revoke(final int portfolioId, final String username)
    {
        return dsl.deleteFrom(PORTFOLIO_ACCESS).where(PORTFOLIO_ACCESS.PORTFOLIO_ID.eq(portfolioId))
            .and(PORTFOLIO_ACCESS.USERNAME.eq(username)).execute() > 0;
    }
}
