-- Merging duplicates: the secretariat merges a member registered twice into the one that stays (the survivor). The
-- duplicate is kept, MERGED and naming the survivor in merged_into, so that its id, history and feed entries still
-- say where it went; everything that identifies it to others (references, contacts) moves to the survivor.
alter table member drop constraint member_status_check;
alter table member add constraint member_status_check
    check (status in ('APPLICANT', 'ACTIVE', 'SUSPENDED', 'LAPSED', 'TERMINATED', 'MERGED'));
alter table member add column merged_into uuid references member (id);
alter table member add constraint member_merged_into check ((status = 'MERGED') = (merged_into is not null));

-- An association may now reach one member under two keys: its key for the survivor and its key for the duplicate,
-- so that its next sync under either updates the survivor. The (association, member) pair is no longer unique; the
-- index stays for the sync's lookups of an association's key for a member.
alter table member_external_ref drop constraint member_external_ref_association_id_member_id_key;
create index member_external_ref_association_member on member_external_ref (association_id, member_id);
