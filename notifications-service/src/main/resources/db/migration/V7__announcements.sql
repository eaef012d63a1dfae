-- Announcements may be aimed at members of a size class: member events carry it (null for a member without one). Rows
-- written before this column keep null until their member's next registered or updated event, and a size-class filter
-- leaves them out (it admits only the classes it names).
alter table recipient_member add column size_class text;

-- The secretariat's (and associations') announcements: a text in up to five languages, a topic and a segment, sent once
-- by the announcement worker. No personal data: the author is an association's id (null: the secretariat), test-send
-- addresses are never kept, and the delivery statistics are read from the notifications (event_id = the id).
create table announcement (
    id               uuid primary key,
    version          bigint      not null,
    status           text        not null,   -- DRAFT | SCHEDULED | SENDING | SENT | CANCELLED
    topic            text        not null,   -- MEMBERSHIP | NEWSLETTERS
    default_language char(2)     not null,   -- en when given, else the first language given
    translations     jsonb       not null,   -- {"en": {"title": "...", "body": "markdown"}, ...}
    segment          jsonb       not null,   -- the segment as asked (an association's narrowed to itself)
    association_id   uuid,                   -- the association whose admin created it; null: the secretariat
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    scheduled_at     timestamptz,
    started_at       timestamptz,
    sent_at          timestamptz,
    cancelled_at     timestamptz,
    members          integer,                -- counts of the fan-out, once SENT
    emails           integer,
    in_app           integer,
    unsubscribed     integer     not null default 0   -- one-click unsubscribes through this announcement's links
);
create index announcement_due on announcement (scheduled_at) where status in ('SCHEDULED', 'SENDING');
create index announcement_recent on announcement (created_at desc, id desc);
create index announcement_association on announcement (association_id, created_at desc, id desc);
-- (The statistics count an announcement's notifications through the unique (event_id, recipient, channel) index.)
