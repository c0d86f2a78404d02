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

-- API-side view: PnL per portfolio from its positions (what the portfolio summary shows).
create view portfolio_pnl as
select p.portfolio_id,
       coalesce(sum(pos.realized_pnl), 0)   as realized_pnl,
       coalesce(sum(pos.unrealized_pnl), 0) as unrealized_pnl,
       max(pos.updated_at)                  as updated_at
from portfolios p
         left join positions pos on pos.portfolio_id = p.portfolio_id
group by p.portfolio_id;
