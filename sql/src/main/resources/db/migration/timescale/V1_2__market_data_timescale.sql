-- TimescaleDB path (chosen when pg_available_extensions lists timescaledb; the bootstrap creates the extension
-- before migrating). Same tables and columns as the plain path, as hypertables with 1-day chunks, compression
-- segmented by exchange and instrument, and a retention policy on the raw tables.
-- NOT EXECUTED in this repository's CI (TimescaleDB cannot be installed there): kept small and standard.

insert into market_data_settings (name, value) values ('storage', 'timescale');

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
);

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
);

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
);

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
);

select create_hypertable('trades', by_range('time', interval '1 day'));
select create_hypertable('top_of_book', by_range('time', interval '1 day'));
select create_hypertable('book_snapshots', by_range('time', interval '1 day'));
select create_hypertable('feed_events', by_range('time', interval '1 day'));

alter table trades set (timescaledb.compress, timescaledb.compress_segmentby = 'exchange, instrument_id',
    timescaledb.compress_orderby = 'time');
alter table top_of_book set (timescaledb.compress, timescaledb.compress_segmentby = 'exchange, instrument_id',
    timescaledb.compress_orderby = 'time');
alter table book_snapshots set (timescaledb.compress, timescaledb.compress_segmentby = 'exchange, instrument_id',
    timescaledb.compress_orderby = 'time');

select add_compression_policy('trades', interval '1 day');
select add_compression_policy('top_of_book', interval '1 day');
select add_compression_policy('book_snapshots', interval '1 day');

select add_retention_policy('trades', interval '${raw_retention_days} days');
select add_retention_policy('top_of_book', interval '${raw_retention_days} days');
select add_retention_policy('book_snapshots', interval '${raw_retention_days} days');
select add_retention_policy('feed_events', interval '${raw_retention_days} days');

-- Continuous aggregates maintain candles; nothing to note per batch.
create function trades_written(p_from timestamptz, p_to timestamptz) returns void
    language sql as
$$
select;
$$;

create function refresh_candles() returns integer
    language sql as
$$
select 0;
$$;

create function set_raw_retention_days(p_days integer) returns void
    language plpgsql as
$$
declare
    t text;
begin
    update market_data_settings set value = p_days::text where name = 'raw_retention_days';
    foreach t in array array['trades', 'top_of_book', 'book_snapshots', 'feed_events'] loop
        perform remove_retention_policy(t, if_exists => true);
        perform add_retention_policy(t, make_interval(days => p_days));
    end loop;
end;
$$;
