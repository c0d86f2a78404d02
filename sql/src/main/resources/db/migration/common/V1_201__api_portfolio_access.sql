-- Portfolio ownership for the API (warm-path/api): a viewer or trader sees and trades only the portfolios they own
-- or were granted; an admin sees all. And change notifications for the API's in-memory read model of portfolios.

create table portfolio_access
(
    portfolio_id integer     not null,
    username     text        not null references api_users (username) on delete cascade on update cascade,
    relation     text        not null check (relation in ('owner', 'granted')),
    granted_at   timestamptz not null default now(),
    primary key (portfolio_id, username)
);

create index portfolio_access_user on portfolio_access (username);

comment on table portfolio_access is 'Who may see and trade a portfolio: its owners and the users granted it.';

-- The API keeps each portfolio's response (balances, positions, PnL) in memory and drops it when told here that
-- the portfolio changed. NOTIFY is delivered at commit, so the API reloads a committed state; PostgreSQL folds
-- identical notifications of one transaction into one, so a projector batch costs one message per portfolio.
create function api_notify_portfolio() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('alphapulse_portfolio', '*');
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform pg_notify('alphapulse_portfolio', old.portfolio_id::text);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform pg_notify('alphapulse_portfolio', new.portfolio_id::text);
    end if;
    return null;
end;
$$;

create function api_notify_access() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('alphapulse_access', '*');
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform pg_notify('alphapulse_access', old.username);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform pg_notify('alphapulse_access', new.username);
    end if;
    return null;
end;
$$;

create trigger trading_positions_notify after insert or update or delete on trading_positions
    for each row execute function api_notify_portfolio();
create trigger trading_positions_notify_truncate after truncate on trading_positions
    for each statement execute function api_notify_portfolio();
create trigger trading_balances_notify after insert or update or delete on trading_balances
    for each row execute function api_notify_portfolio();
create trigger trading_balances_notify_truncate after truncate on trading_balances
    for each statement execute function api_notify_portfolio();
create trigger portfolios_notify after insert or update or delete on portfolios
    for each row execute function api_notify_portfolio();
create trigger portfolios_notify_truncate after truncate on portfolios
    for each statement execute function api_notify_portfolio();
create trigger portfolio_access_notify after insert or update or delete on portfolio_access
    for each row execute function api_notify_access();
create trigger portfolio_access_notify_truncate after truncate on portfolio_access
    for each statement execute function api_notify_access();
