-- Where the projector has written up to in the ledger's recorded cluster log: the events of every log message up to
-- log_position of that recording are in the trading tables. Written in the same transaction as the rows, so after a
-- restart the projector replays the log, rebuilds the ledger's state, and writes only what follows.
create table trading_projector_position (
    projector          text        primary key,
    recording_id       bigint      not null,
    recording_start_ms bigint      not null,
    log_position       bigint      not null,
    updated_at         timestamptz not null default now()
);
