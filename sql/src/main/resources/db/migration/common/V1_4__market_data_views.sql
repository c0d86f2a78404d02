-- Views every reader (API, export, dashboards) uses; identical on both storage paths.

create view latest_top_of_book as
select distinct on (exchange, instrument_id) *
from top_of_book
order by exchange, instrument_id, time desc;

create view feed_status as
select distinct on (exchange) exchange, time as last_event_time, event_type as last_event_type, detail
from feed_events
order by exchange, time desc;

create view trades_with_symbol as
select t.*, i.symbol
from trades t
         left join instruments i on i.exchange = t.exchange and i.instrument_id = t.instrument_id;
