-- Idempotency-Key: the first response to a key, replayed to retries of the same request.
create table idempotency_key (
    scope       text        not null,
    idem_key    text        not null,
    fingerprint text        not null,
    status      int,
    body        text,
    location    text,
    created_at  timestamptz not null default now(),
    primary key (scope, idem_key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
