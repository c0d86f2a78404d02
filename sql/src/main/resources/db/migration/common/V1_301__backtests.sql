-- Cold path (issue 8): backtest results. One run per backtest; its orders, fills and equity curve. The result hash
-- (SHA-256 of the canonical orders, fills, curve and figures) is the same for the same inputs.

create table backtest_runs
(
    run_id        bigserial primary key,
    strategy      text             not null,
    params        text             not null,
    source        text             not null,
    from_time     timestamptz,
    to_time       timestamptz,
    first_event   timestamptz,
    last_event    timestamptz,
    events        bigint           not null,
    order_count   integer          not null,
    fill_count    integer          not null,
    initial_cash  numeric          not null,
    pnl           numeric          not null,
    fees          numeric          not null,
    turnover      numeric          not null,
    max_drawdown  numeric          not null,
    sharpe        double precision,
    result_hash   text             not null,
    report_path   text,
    started_at    timestamptz      not null default now(),
    duration_ms   bigint           not null
);

create index backtest_runs_hash on backtest_runs (result_hash);

comment on table backtest_runs is 'One row per backtest: inputs, figures and the deterministic result hash.';

create table backtest_orders
(
    run_id          bigint      not null references backtest_runs on delete cascade,
    client_order_id bigint      not null,
    time            timestamptz not null,
    time_ns         bigint      not null,
    instrument_id   integer     not null,
    side            text        not null,
    price           numeric     not null,
    quantity        numeric     not null,
    time_in_force   text        not null,
    status          text        not null,
    filled_quantity numeric     not null,
    reason          text,
    primary key (run_id, client_order_id)
);

create table backtest_fills
(
    run_id          bigint      not null references backtest_runs on delete cascade,
    fill_seq        integer     not null,
    time            timestamptz not null,
    time_ns         bigint      not null,
    client_order_id bigint      not null,
    instrument_id   integer     not null,
    side            text        not null,
    price           numeric     not null,
    quantity        numeric     not null,
    fee             numeric     not null,
    liquidity       text        not null,
    primary key (run_id, fill_seq)
);

create table backtest_equity
(
    run_id  bigint      not null references backtest_runs on delete cascade,
    time    timestamptz not null,
    time_ns bigint      not null,
    equity  numeric     not null,
    primary key (run_id, time_ns)
);
