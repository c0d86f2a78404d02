-- Trading: the ledger's orders, fills, positions and balances, written by the projector (pulse projector) from the
-- ledger's egress. Every write is idempotent: a row is keyed by the ledger's own ids (order id, venue fill id,
-- portfolio + instrument), and an update applies only when its ledger time is not older than the row's, so an event
-- seen twice (a projector restart, a resend after a leader change) changes nothing.
-- Prices and quantities are NUMERIC, converted exactly from the int64 mantissas at the instrument's scales (kept
-- too); cash amounts (fees, PnL, balances) are NUMERIC from the ledger's fixed cash scale. *_ns columns hold the
-- ledger's time in nanoseconds since the epoch (cluster time), the timestamptz columns the same truncated to us.

create table trading_orders
(
    order_id          bigint primary key,
    client_order_id   bigint      not null,
    portfolio_id      integer     not null,
    strategy_id       integer     not null,
    instrument_id     integer     not null,
    side              text        not null check (side in ('BUY', 'SELL')),
    order_type        text        not null check (order_type in ('LIMIT', 'MARKET')),
    time_in_force     text        not null check (time_in_force in ('GTC', 'IOC')),
    price             numeric,
    quantity          numeric     not null,
    price_mantissa    bigint      not null,
    quantity_mantissa bigint      not null,
    status            text        not null check (status in ('ACCEPTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED')),
    filled_quantity   numeric     not null default 0,
    cancelled_quantity numeric,
    cancel_reason     text,
    accepted_at       timestamptz not null,
    updated_at        timestamptz not null,
    updated_ns        bigint      not null
);

create index trading_orders_portfolio on trading_orders (portfolio_id, accepted_at desc);
create index trading_orders_strategy on trading_orders (strategy_id, client_order_id);

comment on table trading_orders is 'Orders the ledger accepted, with their current status (one row per order).';

create table trading_order_rejections
(
    strategy_id     integer     not null,
    client_order_id bigint      not null,
    portfolio_id    integer     not null,
    instrument_id   integer     not null,
    reason          text        not null,
    rejected_at     timestamptz not null,
    rejected_ns     bigint      not null,
    primary key (strategy_id, client_order_id, rejected_ns)
);

comment on table trading_order_rejections is 'Orders and cancels the ledger rejected, with the reason code.';

create table trading_fills
(
    order_id        bigint      not null,
    fill_id         bigint      not null,
    client_order_id bigint      not null,
    portfolio_id    integer     not null,
    strategy_id     integer     not null,
    instrument_id   integer     not null,
    side            text        not null check (side in ('BUY', 'SELL')),
    price           numeric     not null,
    quantity        numeric     not null,
    leaves_quantity numeric     not null,
    fee             numeric     not null,
    liquidity       text        not null check (liquidity in ('MAKER', 'TAKER')),
    executed_at     timestamptz not null,
    executed_ns     bigint      not null,
    primary key (order_id, fill_id)
);

create index trading_fills_portfolio on trading_fills (portfolio_id, executed_at desc);

comment on table trading_fills is 'Every execution the ledger applied (venue fill id per order).';

create table trading_positions
(
    portfolio_id   integer     not null,
    instrument_id  integer     not null,
    position       numeric     not null,
    average_price  numeric     not null,
    realized_pnl   numeric     not null,
    unrealized_pnl numeric     not null,
    updated_at     timestamptz not null,
    updated_ns     bigint      not null,
    primary key (portfolio_id, instrument_id)
);

comment on table trading_positions is 'Current position and PnL per portfolio and instrument.';

create table trading_position_changes
(
    portfolio_id   integer     not null,
    instrument_id  integer     not null,
    changed_ns     bigint      not null,
    changed_at     timestamptz not null,
    position       numeric     not null,
    average_price  numeric     not null,
    realized_pnl   numeric     not null,
    unrealized_pnl numeric     not null,
    primary key (portfolio_id, instrument_id, changed_ns)
);

comment on table trading_position_changes is 'Every position change (fills, marks), in ledger time.';

create table trading_balances
(
    portfolio_id integer     not null,
    asset        text        not null,
    balance      numeric     not null,
    updated_at   timestamptz not null,
    updated_ns   bigint      not null,
    primary key (portfolio_id, asset)
);

comment on table trading_balances is 'Cash balance per portfolio and asset.';
