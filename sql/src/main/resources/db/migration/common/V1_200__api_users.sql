-- API users, roles, refresh tokens and login attempts (warm-path/api).
-- Passwords are bcrypt hashes; refresh tokens are stored as SHA-256 of the random token (the token itself is never
-- stored), rotated on use: a token used twice revokes its whole family (it was stolen or replayed).

create table api_users
(
    user_id       bigint generated always as identity primary key,
    username      text        not null unique check (username ~ '^[A-Za-z0-9_.-]{1,64}$'),
    password_hash text        not null,
    roles         text[]      not null check (cardinality(roles) > 0 and
                                              roles <@ array ['viewer', 'trader', 'admin']::text[]),
    disabled      boolean     not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

comment on table api_users is 'Users of the API and the dashboard; roles viewer, trader, admin.';

create table refresh_tokens
(
    token_id    bigint generated always as identity primary key,
    token_hash  bytea       not null unique,
    family_id   uuid        not null,
    user_id     bigint      not null references api_users (user_id) on delete cascade,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    replaced_by bigint references refresh_tokens (token_id)
);

create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_user on refresh_tokens (user_id);

create table login_attempts
(
    time           timestamptz not null,
    username       text        not null,
    source_address text        not null,
    success        boolean     not null
);

create index login_attempts_user_time on login_attempts (username, time);
create index login_attempts_source_time on login_attempts (source_address, time);

-- Portfolio names (the ledger knows portfolios by id only). Optional: a portfolio the ledger has data for is listed
-- whether or not it is named here.
create table portfolios
(
    portfolio_id integer primary key,
    name         text        not null unique,
    quote_asset  text        not null default 'USD',
    created_at   timestamptz not null default now()
);

comment on table portfolios is 'Names of the ledger''s portfolios, for the API and the dashboard.';

-- API-side views over the ledger's tables (V1_100, written by its projector).

create view api_portfolios as
select ids.portfolio_id,
       coalesce(p.name, 'portfolio ' || ids.portfolio_id) as name,
       coalesce(p.quote_asset, 'USD')                     as quote_asset
from (select portfolio_id from portfolios
      union
      select portfolio_id from trading_balances
      union
      select portfolio_id from trading_positions) ids
         left join portfolios p on p.portfolio_id = ids.portfolio_id;

create view portfolio_pnl as
select a.portfolio_id,
       coalesce(sum(pos.realized_pnl), 0)   as realized_pnl,
       coalesce(sum(pos.unrealized_pnl), 0) as unrealized_pnl,
       max(pos.updated_at)                  as updated_at
from api_portfolios a
         left join trading_positions pos on pos.portfolio_id = a.portfolio_id
group by a.portfolio_id;

-- A portfolio's PnL after each position change: the running sum of every instrument's change since its previous
-- row equals the sum of every instrument's latest values.
create view portfolio_pnl_history as
select portfolio_id,
       changed_at                                                                       as time,
       changed_ns,
       sum(realized_delta) over (partition by portfolio_id order by changed_ns, instrument_id)   as realized_pnl,
       sum(unrealized_delta) over (partition by portfolio_id order by changed_ns, instrument_id) as unrealized_pnl
from (select portfolio_id,
             instrument_id,
             changed_ns,
             changed_at,
             realized_pnl - coalesce(lag(realized_pnl) over w, 0)     as realized_delta,
             unrealized_pnl - coalesce(lag(unrealized_pnl) over w, 0) as unrealized_delta
      from trading_position_changes
      window w as (partition by portfolio_id, instrument_id order by changed_ns)) d;

-- Newest-first pages of every portfolio's orders (the ledger's index covers one portfolio at a time).
create index api_trading_orders_accepted on trading_orders (accepted_at desc, order_id desc);
