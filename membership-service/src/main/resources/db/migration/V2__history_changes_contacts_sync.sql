-- Every change to a member or its contacts: who, when, which fields before and after.
create table member_history (
    id          bigserial primary key,
    member_id   uuid        not null references member (id),
    subject     text        not null check (subject in ('MEMBER', 'CONTACT')),
    subject_id  uuid        not null,
    action      text        not null,
    actor       text        not null,
    reason      text,
    at          timestamptz not null,
    changes     json        not null   -- {"field": {"before": .., "after": ..}}; json: written once, read whole
);
create index member_history_member on member_history (member_id, id);

-- The delta feed of an association: its members' changes in commit order (writers of one association are
-- serialised by an advisory lock, so seq order is commit order within an association).
create table member_change (
    seq            bigserial primary key,
    association_id uuid        not null,
    member_id      uuid        not null,
    change         text        not null,
    at             timestamptz not null,
    member         json        not null
);
create index member_change_association on member_change (association_id, seq);

-- People of a member. Consents per purpose: {"campaigns": {"granted": true, "at": .., "source": ..}}.
create table contact (
    id          uuid primary key,
    member_id   uuid        not null references member (id),
    name        text        not null,
    email       text        not null,
    phone       text,
    role        text        not null check (role in ('PRIMARY', 'BILLING', 'PRESS', 'LEGAL', 'TECHNICAL', 'OTHER')),
    language    char(2)     not null,
    consents    jsonb       not null default '{}',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null
);
create unique index contact_one_primary on contact (member_id) where role = 'PRIMARY';
-- also serves lookups by member
create unique index contact_email_per_member on contact (member_id, lower(email));

-- Each association sync run, kept so that its result can be read again later.
create table sync_run (
    id             uuid primary key,
    association_id uuid        not null,
    actor          text        not null,
    mode           text        not null,
    dry_run        boolean     not null,
    forced         boolean     not null,
    outcome        text        not null,
    created_at     timestamptz not null,
    summary        json        not null,
    result         json        not null   -- the whole response, returned again by GET .../runs/{id}
);
create index sync_run_association on sync_run (association_id, created_at desc);
