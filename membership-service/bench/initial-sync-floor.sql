\timing on
-- One 10,000-member batch of an initial sync, set-based, as the service writes it: 1.525 contacts and 2.525 events
-- per member, as in the sync benchmark; one journal row per member holds its history entries and its events.
-- Run by initial-sync-floor.sh.
create temp table b as select gen_random_uuid() as id, i, case when i % 40 < 21 then 2 else 1 end as contacts
  from generate_series(1, 10000) i;
begin;
insert into member (id, kind, legal_name, display_name, country, website, category, represented_by, status, created_at, updated_at, version)
  select id, 'COMPANY', 'Label legal name ' || i || ' Ltd', 'Label ' || i, 'FR', 'https://label' || i || '.example', 'REPRESENTED', '0a5f0000-0000-4000-8000-000000000001', 'ACTIVE', now(), now(), 1 from b;
insert into member_external_ref (association_id, external_id, member_id, synced_fingerprint, synced_version)
  select '0a5f0000-0000-4000-8000-000000000001', 'EXT-' || id, id, decode(md5(id::text), 'hex'), 1 from b;
insert into contact (id, member_id, name, email, role, language, consents, created_at, updated_at, version)
  select gen_random_uuid(), id, 'Person ' || i || '-' || k, 'p' || i || '-' || k || '@label.example', case k when 1 then 'PRIMARY' else 'PRESS' end, 'fr', '{"campaigns": {"granted": true, "at": "2026-12-01T00:00:00Z", "source": "sync"}}', now(), now(), 1
  from b, generate_series(1, 2) k where k <= contacts;
insert into member_journal (member_id, at, actor, action, feed_association, event_count, changes, events)
  select id, now(), 'sync-fr', 'created', '0a5f0000-0000-4000-8000-000000000001', 1 + contacts,
    ('[{"subject":"MEMBER","subjectId":"' || id || '","action":"created","changes":{"kind":{"before":null,"after":"COMPANY"},"legalName":{"before":null,"after":"Label legal name ' || i || ' Ltd"},"displayName":{"before":null,"after":"Label ' || i || '"},"country":{"before":null,"after":"FR"},"website":{"before":null,"after":"https://label' || i || '.example"},"category":{"before":null,"after":"REPRESENTED"},"representedBy":{"before":null,"after":"0a5f0000-0000-4000-8000-000000000001"},"status":{"before":null,"after":"ACTIVE"}}}'
     || repeat(',{"subject":"CONTACT","subjectId":"' || gen_random_uuid() || '","action":"contact-added","changes":{"name":{"before":null,"after":"Person ' || i || '"},"email":{"before":null,"after":"p' || i || '@label.example"},"phone":{"before":null,"after":null},"role":{"before":null,"after":"PRIMARY"},"language":{"before":null,"after":"fr"},"consents":{"before":null,"after":{"campaigns":true}}}}', contacts) || ']'),
    ('[{"id":"' || gen_random_uuid() || '","topic":"membership.members.v1","type":"eu.impala.membership.member.registered.v1","data":{"memberId":"' || id || '","kind":"COMPANY","displayName":"Label ' || i || '","country":"FR","category":"REPRESENTED","representedBy":"0a5f0000-0000-4000-8000-000000000001","status":"ACTIVE","sizeClass":null}}'
     || repeat(',{"id":"' || gen_random_uuid() || '","topic":"membership.contacts.v1","type":"eu.impala.membership.contact.added.v1","data":{"memberId":"' || id || '","contactId":"' || gen_random_uuid() || '","name":"Person ' || i || '","email":"p' || i || '@label.example","language":"fr","role":"PRIMARY","consents":{"campaigns":true}}}', contacts) || ']')
  from b;
insert into sync_run (id, association_id, actor, mode, dry_run, forced, outcome, created_at, summary, result)
  select gen_random_uuid(), '0a5f0000-0000-4000-8000-000000000001', 'sync-fr', 'upsert', false, false, 'applied', now(), '{"created":10000}', json_agg(json_build_object('index', i, 'externalId', 'EXT-' || id, 'memberId', id, 'outcome', 'created')) from b;
commit;
-- the relay opens a window (its own statement), reads the batch's events through outbox_messages (the journal's rows
-- expanded, one per event; the whole window at once, where the relay reads it in batches), and moves its one position
-- past them (no row is updated)
begin;
set local work_mem = '32MB';
update outbox_position p set window_target = pg_current_snapshot(), after_seq = coalesce((select min(u.seq) from
  (select o.seq from outbox_rows o where o.tx >= pg_snapshot_xmin(p.published)
   and not pg_visible_in_snapshot(o.tx, p.published) offset 0) u) - 1, pg_sequence_last_value('outbox_event_seq_seq'), 0)
  where p.window_target is null;
\o /dev/null
select o.seq, o.id, o.topic, o.event_type, o.source, o.aggregate_id, o.occurred_at, o.payload::text, o.traceparent from outbox_messages o
  where o.seq > (select after_seq from outbox_position)
  and o.tx >= (select pg_snapshot_xmin(published) from outbox_position)
  and o.tx < (select pg_snapshot_xmax(window_target) from outbox_position)
  and not pg_visible_in_snapshot(o.tx, (select published from outbox_position))
  and pg_visible_in_snapshot(o.tx, (select window_target from outbox_position))
  order by o.seq, o.ord;
\o
update outbox_position set published = window_target, window_target = null, after_seq = null, moved_at = now();
commit;
