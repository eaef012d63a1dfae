-- National associations' webhook subscriptions: event types about their own members, POSTed signed.
create table webhook_subscription (
    id              uuid primary key,
    association_id  uuid        not null,
    url             text        not null,
    secret          text        not null,   -- the HMAC key, shown once at creation
    event_types     text[]      not null,   -- short types, e.g. member.registered, or * for all
    active          boolean     not null default true,
    created_at      timestamptz not null,
    created_by      text        not null
);
create index webhook_subscription_association on webhook_subscription (association_id) where active;
