-- Members: companies, self-releasing artists and national associations.
create table member (
    id              uuid primary key,
    kind            text        not null check (kind in ('COMPANY', 'ARTIST', 'NATIONAL_ASSOCIATION')),
    legal_name      text        not null,
    display_name    text        not null,
    country         char(2)     not null,
    website         text,
    vat_number      text,
    headcount       int,
    turnover_eur    numeric(16, 2),
    declared_size   text,
    size_class      text,
    category        text        not null check (category in ('DIRECT', 'REPRESENTED', 'ASSOCIATE')),
    represented_by  uuid,       -- the national association (its association id) that represents the member
    status          text        not null check (status in ('APPLICANT', 'ACTIVE', 'SUSPENDED', 'LAPSED', 'TERMINATED')),
    joined_on       date,
    renewal_due_on  date,
    erased_at       timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null
);
create index member_represented_by on member (represented_by, id);
create index member_status_renewal on member (status, renewal_due_on);

-- An association's own key for a member it syncs: unique per association.
create table member_external_ref (
    association_id uuid not null,
    external_id    text not null,
    member_id      uuid not null references member (id),
    primary key (association_id, external_id),
    unique (association_id, member_id)
);
