-- Plain PostgreSQL path: native range partitions by day (created ahead and dropped by retention by the Java
-- maintenance job, io.alphapulse.sql.MarketDataMaintenance), BRIN indexes on time, and job-maintained candles.

insert into market_data_settings (name, value) values ('storage', 'plain');

create table trades
(
    time          timestamptz not null,
    exchange      text        not null,
    instrument_id integer     not null,
    trade_id      bigint,
    price         numeric     not null,
    quantity      numeric     not null,
    side          text,
    sequence      bigint      not null,
    receive_time  timestamptz not null
) partition by range (time);

create table top_of_book
(
    time              timestamptz not null,
    exchange          text        not null,
    instrument_id     integer     not null,
    bid_price         numeric     not null,
    bid_quantity      numeric,
    ask_price         numeric     not null,
    ask_quantity      numeric,
    exchange_sequence bigint,
    sequence          bigint      not null,
    receive_time      timestamptz not null
) partition by range (time);

create table book_snapshots
(
    time              timestamptz not null,
    exchange          text        not null,
    instrument_id     integer     not null,
    exchange_sequence bigint,
    bid_prices        numeric[]   not null,
    bid_quantities    numeric[]   not null,
    ask_prices        numeric[]   not null,
    ask_quantities    numeric[]   not null
) partition by range (time);

create table feed_events
(
    time              timestamptz not null,
    exchange          text        not null,
    instrument_id     integer,
    event_type        text        not null,
    origin            text        not null,
    expected_sequence bigint,
    received_sequence bigint,
    sequence          bigint      not null,
    detail            text        not null,
    receive_time      timestamptz not null
) partition by range (time);

create index trades_time_brin on trades using brin (time);
create index top_of_book_time_brin on top_of_book using brin (time);
create index book_snapshots_time_brin on book_snapshots using brin (time);
create index feed_events_time_brin on feed_events using brin (time);

-- Candles, maintained from trades by refresh_candles(): 1m from trades, 1h from the 1m candles (same result as
-- from trades: first open, max high, min low, last close, sums).
create table candles
(
    resolution    text        not null check (resolution in ('1m', '1h')),
    bucket        timestamptz not null,
    exchange      text        not null,
    instrument_id integer     not null,
    open          numeric     not null,
    high          numeric     not null,
    low           numeric     not null,
    close         numeric     not null,
    volume        numeric     not null,
    trade_count   bigint      not null,
    primary key (resolution, exchange, instrument_id, bucket)
);

-- Time ranges of trades written since the last refresh; the writer adds one per batch in the batch's transaction.
create table candles_pending
(
    from_time timestamptz not null,
    to_time   timestamptz not null
);

create function trades_written(p_from timestamptz, p_to timestamptz) returns void
    language sql as
$$
insert into candles_pending (from_time, to_time) values (p_from, p_to);
$$;

-- Recompute the candles of every hour touched by pending trades. Upserts only: candles whose trades retention has
-- dropped stay as they were.
create function refresh_candles() returns integer
    language plpgsql as
$$
declare
    origin constant timestamptz := timestamptz '2000-01-01 00:00:00+00';
    lo timestamptz;
    hi timestamptz;
    n  integer;
begin
    lock table candles_pending in share row exclusive mode;
    select min(from_time), max(to_time) into lo, hi from candles_pending;
    if lo is null then
        return 0;
    end if;
    delete from candles_pending;
    lo := date_bin(interval '1 hour', lo, origin);
    hi := date_bin(interval '1 hour', hi, origin) + interval '1 hour';

    insert into candles (resolution, bucket, exchange, instrument_id, open, high, low, close, volume, trade_count)
    select '1m', b, exchange, instrument_id,
           (array_agg(price order by time, sequence))[1], max(price), min(price),
           (array_agg(price order by time desc, sequence desc))[1], sum(quantity), count(*)
    from (select date_bin(interval '1 minute', time, origin) as b, * from trades
          where time >= lo and time < hi) t
    group by b, exchange, instrument_id
    on conflict (resolution, exchange, instrument_id, bucket) do update
        set open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
            volume = excluded.volume, trade_count = excluded.trade_count;
    get diagnostics n = row_count;

    insert into candles (resolution, bucket, exchange, instrument_id, open, high, low, close, volume, trade_count)
    select '1h', b, exchange, instrument_id,
           (array_agg(open order by bucket))[1], max(high), min(low),
           (array_agg(close order by bucket desc))[1], sum(volume), sum(trade_count)
    from (select date_bin(interval '1 hour', bucket, origin) as b, * from candles
          where resolution = '1m' and bucket >= lo and bucket < hi) c
    group by b, exchange, instrument_id
    on conflict (resolution, exchange, instrument_id, bucket) do update
        set open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
            volume = excluded.volume, trade_count = excluded.trade_count;
    return n;
end;
$$;

create view candles_1m as
select bucket, exchange, instrument_id, open, high, low, close, volume, trade_count
from candles where resolution = '1m';

create view candles_1h as
select bucket, exchange, instrument_id, open, high, low, close, volume, trade_count
from candles where resolution = '1h';

create function set_raw_retention_days(p_days integer) returns void
    language sql as
$$
update market_data_settings set value = p_days::text where name = 'raw_retention_days';
$$;
