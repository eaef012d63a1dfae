-- Who can be notified, built from membership events (never from membership's tables).
create table recipient_member (
    member_id       uuid primary key,
    display_name    text,
    country         char(2)     not null,
    represented_by  uuid,
    status          text        not null,
    updated_at      timestamptz not null
);
