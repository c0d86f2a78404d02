-- TimescaleDB path: continuous aggregates for 1-minute and 1-hour candles (hierarchical: 1h over 1m), exposed
-- through the same views as the plain path. Continuous aggregates cannot be created inside a transaction, hence
-- the .conf file beside this script. NOT EXECUTED in this repository's CI.

create materialized view candles_1m_agg with (timescaledb.continuous) as
select time_bucket(interval '1 minute', time) as bucket, exchange, instrument_id,
       first(price, time) as open, max(price) as high, min(price) as low, last(price, time) as close,
       sum(quantity) as volume, count(*) as trade_count
from trades
group by 1, exchange, instrument_id
with no data;

create materialized view candles_1h_agg with (timescaledb.continuous) as
select time_bucket(interval '1 hour', bucket) as bucket, exchange, instrument_id,
       first(open, bucket) as open, max(high) as high, min(low) as low, last(close, bucket) as close,
       sum(volume) as volume, sum(trade_count) as trade_count
from candles_1m_agg
group by 1, exchange, instrument_id
with no data;

select add_continuous_aggregate_policy('candles_1m_agg', start_offset => interval '3 hours',
    end_offset => interval '1 minute', schedule_interval => interval '1 minute');
select add_continuous_aggregate_policy('candles_1h_agg', start_offset => interval '1 day',
    end_offset => interval '1 hour', schedule_interval => interval '5 minutes');

create view candles_1m as
select bucket, exchange, instrument_id, open, high, low, close, volume, trade_count from candles_1m_agg;

create view candles_1h as
select bucket, exchange, instrument_id, open, high, low, close, volume, trade_count from candles_1h_agg;

create view candles as
select '1m'::text as resolution, * from candles_1m
union all
select '1h'::text as resolution, * from candles_1h;
