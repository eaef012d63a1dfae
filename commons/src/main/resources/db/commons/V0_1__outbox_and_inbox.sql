-- Transactional outbox: written in the same transaction as the change, published by the relay in seq order.
create table outbox_event (
    seq          bigserial primary key,
    id           uuid        not null,          -- the CloudEvents ce_id (random, so unique without an index)
    topic        text        not null,
    event_type   text        not null,          -- ce_type
    source       text        not null,          -- ce_source
    aggregate_id text        not null,          -- record key and ce_subject
    occurred_at  timestamptz not null,          -- ce_time
    payload      json        not null,          -- json, not jsonb: published byte for byte as written
    sent_at      timestamptz
);
create index outbox_event_unsent on outbox_event (seq) where sent_at is null;

-- Inbox of the idempotent consumers: one row per (consumer, ce_id), written with the event's effect.
create table inbox_message (
    consumer    text        not null,
    event_id    uuid        not null,
    event_type  text        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
