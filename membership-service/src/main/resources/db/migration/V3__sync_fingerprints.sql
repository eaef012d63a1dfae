-- What the last sync of a record wrote: a digest of the record as read and the member's version right after.
-- While both still match, a resync of that record is unchanged without loading the member and its contacts
-- (every change to a member or its contacts gives the member a new version).
alter table member_external_ref add column synced_fingerprint bytea, add column synced_version bigint;
