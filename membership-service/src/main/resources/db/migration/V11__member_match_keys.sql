-- Duplicate detection: each member's match keys, derived in Java (MatchKeys) whenever the member is written, and
-- compared by equality here. Null keys match nothing; an erased member has none.
--   vat_key     the VAT number without separators, upper case, with its country prefix   FR12345678901
--   domain_key  the website's host without scheme, www., port or path                    because.fr
--   name_key    the country and the legal name without accents, punctuation, legal forms FR:because music
-- match_version names the rules the keys were derived by: null for every member that exists before this migration.
-- The service derives the keys of every member whose match_version is not the current one when it starts
-- (MatchKeyBackfill, in batches, a member changed meanwhile keeps what its own write derived), so this
-- migration needs no copy of the Java rules in SQL.
alter table member
    add column vat_key       text,
    add column domain_key    text,
    add column name_key      text,
    add column match_version smallint;

create index member_vat_key on member (vat_key) where vat_key is not null;
create index member_domain_key on member (domain_key) where domain_key is not null;
create index member_name_key on member (name_key) where name_key is not null;
-- the back-fill finds the members whose keys are missing or derived by older rules
create index member_match_stale on member (id) where match_version is null;
