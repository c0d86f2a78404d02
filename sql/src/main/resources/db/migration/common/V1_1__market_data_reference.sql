-- Market data: tables shared by both storage paths (TimescaleDB and plain PostgreSQL).
-- Prices and quantities are NUMERIC (exact): the writer converts each int64 mantissa at its instrument's scale.
-- Timestamps are timestamptz (microseconds); the wire's nanoseconds are truncated, never rounded.

create table market_data_settings
(
    name  text primary key,
    value text not null
);

comment on table market_data_settings is
    'Settings of the market-data schema: storage (timescale or plain), raw_retention_days (raw tables).';

insert into market_data_settings (name, value)
values ('raw_retention_days', '${raw_retention_days}');

create table instruments
(
    exchange       text     not null,
    instrument_id  integer  not null,
    symbol         text     not null,
    venue_symbol   text     not null,
    price_scale    smallint not null check (price_scale between 0 and 18),
    quantity_scale smallint not null check (quantity_scale between 0 and 18),
    updated_at     timestamptz not null default now(),
    primary key (exchange, instrument_id)
);

comment on table instruments is 'InstrumentDefinition messages of the merged stream: symbol and scales per instrument.';

-- The writer's place in the Aeron Archive: committed in the same transaction as the rows it covers, so a restart
-- resumes exactly after the last committed message (exactly once).
create table writer_watermarks
(
    writer_name  text        not null,
    stream_id    integer     not null,
    recording_id bigint      not null,
    position     bigint      not null,
    updated_at   timestamptz not null default now(),
    primary key (writer_name, stream_id)
);

comment on table writer_watermarks is
    'Archive recording and position after the last message whose rows are committed, per writer and stream.';
