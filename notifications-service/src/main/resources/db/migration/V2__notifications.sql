-- Eligibility of campaign news needs the member's kind and category too.
alter table recipient_member add column kind text, add column category text;

-- The people of members, from membership's contact events: only what is needed to address them.
create table recipient_contact (
    contact_id   uuid primary key,
    member_id    uuid        not null,
    name         text,
    email        text,
    language     char(2)     not null default 'en',
    role         text,
    consents     jsonb       not null default '{}',   -- {"campaigns": true, "newsletters": false}
    updated_at   timestamptz not null
);
create index recipient_contact_member on recipient_contact (member_id);

-- A contact's choices: channels per topic and the digest of campaign news.
create table preference (
    contact_id   uuid primary key,
    channels     jsonb       not null,   -- {"MEMBERSHIP": ["EMAIL", "IN_APP"], "CAMPAIGNS": [...], "NEWSLETTERS": [...]}
    digest       text        not null,   -- IMMEDIATE | DAILY | WEEKLY
    version      bigint      not null,
    updated_at   timestamptz not null
);

-- Campaigns as announced, and who signed them: what the campaign rules need.
create table campaign_info (
    campaign_id  uuid primary key,
    slug         text        not null,
    language     char(2)     not null,
    titles       jsonb       not null    -- {"en": "...", "fr": "..."}
);
create table campaign_signatory (
    campaign_id  uuid        not null,
    member_id    uuid        not null,
    primary key (campaign_id, member_id)
);

-- Every notification: one per (event, recipient, channel), whatever redelivery happens.
create table notification (
    id              uuid primary key,
    event_id        uuid        not null,
    kind            text        not null,   -- the template: welcome, status-changed, campaign-published...
    channel         text        not null,   -- EMAIL | IN_APP
    recipient       text        not null,   -- contact:<id>, primary-contact:<member id>, member:<id>, association:<id>, user:<name>, all
    member_id       uuid,
    model           jsonb       not null,   -- what the template shows
    address         text,                   -- the email address it went to; null once erased
    language        char(2),
    subject         text,
    body            text,                   -- in-app text
    status          text        not null,   -- PENDING | SENT | FAILED | DEAD
    attempts        integer     not null default 0,
    last_error      text,
    next_attempt_at timestamptz,
    digest          text,                   -- DAILY | WEEKLY: waits for the contact's digest
    created_at      timestamptz not null,
    sent_at         timestamptz,
    unique (event_id, recipient, channel)
);
create index notification_due on notification (next_attempt_at) where status in ('PENDING', 'FAILED');
create index notification_inbox on notification (recipient, created_at desc) where channel = 'IN_APP';
create index notification_member on notification (member_id);

-- Who read which in-app notification (a member's or association's notice is shared by its staff).
create table inbox_read (
    notification_id uuid        not null references notification (id) on delete cascade,
    reader          text        not null,
    read_at         timestamptz not null,
    primary key (notification_id, reader)
);

-- Each attempt to deliver a notification, for the delivery log.
create table delivery_attempt (
    notification_id uuid        not null references notification (id) on delete cascade,
    attempt         integer     not null,
    at              timestamptz not null,
    outcome         text        not null,   -- SENT | FAILED | DEAD
    error           text,
    primary key (notification_id, attempt)
);
