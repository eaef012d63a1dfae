-- Webhook secrets at rest: sealed with AES-256-GCM under a key the service has from configuration, and the key's id
-- beside each (so keys can be rotated). A secret written in clear by an earlier version is sealed by the service at
-- its next start (the database never knows the key), then the clear column is emptied.
alter table webhook_subscription
    alter column secret drop not null,
    add column secret_key_id   text,
    add column secret_sealed   bytea,
    -- after a rotation the previous secret still signs until previous_until, so receivers can switch over
    add column previous_key_id text,
    add column previous_sealed bytea,
    add column previous_until  timestamptz;

-- What a webhook's receiver answered last, for its subscriber: a status class (2xx, 4xx, 5xx, 3xx) or what stopped
-- the attempt (timeout, connect, tls, refused), and how long it took. Never the receiver's body or an address.
alter table notification
    add column last_response    text,
    add column last_duration_ms integer;

-- Webhook deliveries are claimed apart from emails, a share per subscription at a time.
create index notification_webhook_due on notification (next_attempt_at)
    where channel = 'WEBHOOK' and status in ('PENDING', 'FAILED');

-- Earlier versions kept the client's exception text of failed webhook attempts (which could name an internal
-- address): only the generic fact stays.
update notification set last_error = 'the attempt failed' where channel = 'WEBHOOK' and last_error is not null;
update delivery_attempt a set error = 'the attempt failed' from notification n
    where n.id = a.notification_id and n.channel = 'WEBHOOK' and a.error is not null;
