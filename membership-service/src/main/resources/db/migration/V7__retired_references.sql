-- A member the secretariat moves to another association keeps the references its former associations synced it
-- under, retired: their next sync recognises the key and reports the record moved instead of taking the member back
-- or creating it again. moved_to names where the member went, so that the association it went to can be told,
-- when a record of its own looks like that member, to adopt it rather than create a second one.
alter table member_external_ref add column retired_at timestamptz, add column moved_to uuid;
create index member_external_ref_moved_to on member_external_ref (moved_to) where moved_to is not null;

-- Moves made before this migration left their references as they were: retire those that no longer reach.
update member_external_ref r set retired_at = m.updated_at, moved_to = m.represented_by
from member m where m.id = r.member_id and m.represented_by is distinct from r.association_id;
