-- Each event carries the trace context (a W3C traceparent) of the change that wrote it; the relay sends it with the
-- event (ce_traceparent and traceparent headers), so that a trace goes from the request through Kafka into consumers.
alter table outbox_event add column traceparent text;

-- The relay reads outbox_messages instead of outbox_source: the same rows with their trace context. A new name, not a
-- new column on outbox_source, because commons' migrations run before a service's own on a new database, and a
-- service's migration that replaced outbox_source with the first shape (membership's V5) could then no longer replace
-- it (a view's columns cannot be dropped). A service whose own table carries events replaces outbox_messages in a
-- migration of its own, as it replaced outbox_source. outbox_rows is unchanged.
drop view outbox_source;
create view outbox_messages as
    select seq, 0 as ord, tx, id, topic, event_type, source, aggregate_id, occurred_at, payload, traceparent
    from outbox_event;
