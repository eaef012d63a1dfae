-- A national association is a member of kind NATIONAL_ASSOCIATION, and only an ACTIVE one syncs, has a feed or
-- represents new members. Until now an association was only an id in tokens: every id already in use (members it
-- represents, references, moves, sync runs, feed entries) that names no member becomes one, as a placeholder the
-- secretariat recognises by its name and completes. It is ACTIVE, since it was working; its country is the one most
-- of its members have (ZZ, which no request accepts, when it has none), so that the secretariat must set a real one.
-- An id that names a member of another kind is left alone: that is for the secretariat to sort out.
with used (id) as (
    select represented_by from member where represented_by is not null
    union select association_id from member_external_ref
    union select moved_to from member_external_ref where moved_to is not null
    union select association_id from sync_run
    union select feed_association from member_journal where feed_association is not null
    union select left_association from member_journal where left_association is not null),
missing as (
    select u.id, coalesce((select m.country from member m where m.represented_by = u.id
                           group by m.country order by count(*) desc, m.country limit 1), 'ZZ') as country
    from used u
    where not exists (select 1 from member m where m.id = u.id)),
created as (
    insert into member (id, kind, legal_name, display_name, country, category, status, created_at, updated_at, version)
    select id, 'NATIONAL_ASSOCIATION', 'Unnamed national association ' || id, 'Unnamed association ' || left(id::text, 8),
           country, 'DIRECT', 'ACTIVE', now(), now(), 1
    from missing
    returning id, legal_name, display_name, country)
-- its history says where it came from, and member.registered tells the other services it exists. It is not a join in
-- the statistics (no status move recorded): the association was a member already, only unrecorded.
insert into member_journal (member_id, at, actor, action, changes, events, event_count)
select c.id, now(), 'migration V9', 'created',
       json_build_array(json_build_object('subject', 'MEMBER', 'subjectId', c.id, 'action', 'created',
           'reason', 'an association id already in use, recorded as a placeholder for the secretariat to complete',
           'changes', json_build_object(
               'kind', json_build_object('before', null, 'after', 'NATIONAL_ASSOCIATION'),
               'legalName', json_build_object('before', null, 'after', c.legal_name),
               'displayName', json_build_object('before', null, 'after', c.display_name),
               'country', json_build_object('before', null, 'after', c.country),
               'category', json_build_object('before', null, 'after', 'DIRECT'),
               'status', json_build_object('before', null, 'after', 'ACTIVE'))))::text,
       json_build_array(json_build_object('id', gen_random_uuid(), 'topic', 'membership.members.v1',
           'type', 'eu.impala.membership.member.registered.v1',
           'data', json_build_object('memberId', c.id, 'kind', 'NATIONAL_ASSOCIATION', 'displayName', c.display_name,
               'country', c.country, 'category', 'DIRECT', 'representedBy', null, 'status', 'ACTIVE',
               'sizeClass', null)))::text,
       1
from created c;
