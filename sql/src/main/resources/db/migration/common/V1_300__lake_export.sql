-- Cold path (issue 8): the Parquet lake's export state. The files and their manifests are the truth about the lake;
-- these tables let a re-run skip what is done and start where the last completed run stopped.

create table export_watermarks
(
    lake         text        not null,
    dataset      text        not null,
    closed_until date        not null,
    updated_at   timestamptz not null default now(),
    primary key (lake, dataset)
);

comment on table export_watermarks is
    'Per lake (absolute directory) and dataset: every day before closed_until is exported; the next run lists days from here.';

create table export_partitions
(
    lake        text        not null,
    dataset     text        not null,
    exchange    text        not null,
    day         date        not null,
    row_count   bigint      not null,
    min_time    timestamptz,
    max_time    timestamptz,
    file_count  integer     not null,
    checksum    text        not null,
    exported_at timestamptz not null default now(),
    primary key (lake, dataset, exchange, day)
);

comment on table export_partitions is
    'Per lake partition: rows and checksum (as in its _manifest.json) recorded after its files and manifest are in place.';
