-- The members as campaigns needs them, built from membership events (never from membership's tables).
create table member_view (
    member_id       uuid primary key,
    kind            text        not null,
    display_name    text,
    country         char(2)     not null,
    category        text        not null,
    represented_by  uuid,
    status          text        not null,
    size_class      text,
    updated_at      timestamptz not null
);
create index member_view_represented_by on member_view (represented_by);
