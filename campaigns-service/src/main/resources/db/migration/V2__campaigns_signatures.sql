-- Campaigns the secretariat runs, and the signatures members give them.
create table campaign (
    id                   uuid primary key,
    slug                 text        not null unique,
    title                text        not null,
    summary              text        not null,
    body                 text        not null,
    language             char(2)     not null,           -- the language of title, summary and body
    translations         jsonb       not null default '{}', -- {"fr": {"title": ..., "summary": ...}}
    topic                text        not null,
    kind                 text        not null,
    status               text        not null,
    goal                 integer,
    eligible_kinds       text[]      not null default '{}', -- empty: every kind
    eligible_categories  text[]      not null default '{}',
    eligible_countries   text[]      not null default '{}',
    opens_at             timestamptz,
    closes_at            timestamptz,
    published_at         timestamptz,
    closed_at            timestamptz,
    archived_at          timestamptz,
    goal_reached_at      timestamptz,                     -- set once, when the count first reaches the goal
    goal_reached_by      uuid,                            -- the signature that reached it
    signature_count      integer     not null default 0,  -- live signatures, kept in the signing transaction
    version              bigint      not null,
    created_at           timestamptz not null,
    created_by           text        not null,
    updated_at           timestamptz not null
);
create index campaign_schedule on campaign (status, opens_at, closes_at);

create table signature (
    id                   uuid primary key,
    campaign_id          uuid        not null references campaign (id),
    member_id            uuid        not null,
    signed_by            text,                            -- the signer's user (token subject); null once erased
    via_association      uuid,                            -- set when an association-admin signed for its member
    comment              text,
    pledge               text,
    show_name            boolean     not null,
    signed_at            timestamptz not null,
    withdrawn_at         timestamptz,
    withdrawn_by         text,
    -- the member as it was when it signed: the counters' dimensions
    country              char(2)     not null,
    member_kind          text        not null,
    size_class           text,
    represented_by       uuid,
    anonymised_at        timestamptz
);
-- one live signature per member and campaign; a withdrawn one may be followed by a new one
create unique index signature_one_per_member on signature (campaign_id, member_id) where withdrawn_at is null;
create index signature_member on signature (member_id);
create index signature_campaign_signed on signature (campaign_id, signed_at, id);
