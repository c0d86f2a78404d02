-- Trading state projected from the ledger (Aeron Cluster) by its projector: portfolios, orders, fills, positions,
-- balances and PnL history. Shapes follow schemas/src/main/resources/sbe/trading.xml; prices and quantities are
-- NUMERIC at the instrument's scale (exact), cash amounts NUMERIC from Decimal64.
-- Provisional: written by the API issue (#7) in the shapes the ledger's schema suggests, to be reconciled with the
-- ledger's projector (#6).

create table portfolios
(
    portfolio_id integer primary key,
    name         text        not null unique,
    quote_asset  text        not null default 'USD',
    created_at   timestamptz not null default now()
);

comment on table portfolios is 'Portfolios known to the ledger (PortfolioId of the trading schema).';

create table orders
(
    order_id        bigint primary key,
    client_order_id bigint      not null,
    portfolio_id    integer     not null references portfolios (portfolio_id),
    strategy_id     integer     not null,
    exchange        text,
    instrument_id   integer     not null,
    side            text        not null check (side in ('buy', 'sell')),
    order_type      text        not null check (order_type in ('limit', 'market')),
    time_in_force   text        not null check (time_in_force in ('gtc', 'ioc')),
    price           numeric,
    quantity        numeric     not null,
    filled_quantity numeric     not null default 0,
    status          text        not null check (status in ('open', 'partially_filled', 'filled', 'cancelled')),
    cancel_reason   text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (portfolio_id, strategy_id, client_order_id)
);

create index orders_portfolio_created on orders (portfolio_id, created_at desc, order_id desc);
create index orders_created on orders (created_at desc, order_id desc);

comment on table orders is 'Orders the ledger accepted (OrderAccepted), with fills and cancels applied.';

create table order_rejections
(
    time            timestamptz not null,
    client_order_id bigint      not null,
    portfolio_id    integer     not null,
    strategy_id     integer     not null,
    instrument_id   integer     not null,
    reason          text        not null,
    detail          text        not null
);

create table fills
(
    order_id        bigint      not null references orders (order_id),
    fill_id         bigint      not null,
    time            timestamptz not null,
    client_order_id bigint      not null,
    portfolio_id    integer     not null,
    strategy_id     integer     not null,
    instrument_id   integer     not null,
    side            text        not null check (side in ('buy', 'sell')),
    price           numeric     not null,
    quantity        numeric     not null,
    leaves_quantity numeric     not null,
    fee             numeric     not null,
    liquidity       text        not null check (liquidity in ('maker', 'taker')),
    primary key (order_id, fill_id)
);

create index fills_portfolio_time on fills (portfolio_id, time desc);

create table positions
(
    portfolio_id   integer     not null references portfolios (portfolio_id),
    instrument_id  integer     not null,
    quantity       numeric     not null,
    average_price  numeric     not null,
    realized_pnl   numeric     not null,
    unrealized_pnl numeric     not null,
    updated_at     timestamptz not null,
    primary key (portfolio_id, instrument_id)
);

create table balances
(
    portfolio_id integer     not null references portfolios (portfolio_id),
    asset        text        not null,
    balance      numeric     not null,
    updated_at   timestamptz not null,
    primary key (portfolio_id, asset)
);

-- One row per portfolio whenever its PnL changes (the projector sums its positions' PositionUpdates).
create table pnl_history
(
    portfolio_id   integer     not null references portfolios (portfolio_id),
    time           timestamptz not null,
    realized_pnl   numeric     not null,
    unrealized_pnl numeric     not null,
    primary key (portfolio_id, time)
);
