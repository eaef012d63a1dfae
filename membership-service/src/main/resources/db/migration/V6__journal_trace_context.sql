-- A journal row carries the trace context (W3C traceparent) of the operation that wrote it: its events are sent with it,
-- so a trace goes from the request through Kafka into the consumers. One per row: a row is one transaction's.
alter table member_journal add column traceparent text;

-- The relay reads outbox_messages (commons V0_6), the journal's events included; outbox_source, which V5 made the
-- union of both, is no longer read.
drop view if exists outbox_source;
create or replace view outbox_messages as
    select seq, 0 as ord, tx, id, topic, event_type, source, aggregate_id, occurred_at, payload, traceparent from outbox_event
    union all
    select j.seq, e.ord::int, j.tx, e.id, e.topic, e.type, null::text, j.member_id::text, j.at, e.data, j.traceparent
    from member_journal j, rows from (json_to_recordset(j.events::json) as (id uuid, topic text, type text, data json))
         with ordinality as e(id, topic, type, data, ord)
    where j.events is not null;
