\timing on
-- One 10,000-member batch of an initial sync, set-based, as the service writes it: 1.525 contacts and 2.525 events
-- per member, as in the sync benchmark. Run by initial-sync-floor.sh.
create temp table b as select gen_random_uuid() as id, i from generate_series(1, 10000) i;
begin;
insert into member (id, kind, legal_name, display_name, country, website, category, represented_by, status, created_at, updated_at, version)
  select id, 'COMPANY', 'Label legal name ' || i || ' Ltd', 'Label ' || i, 'FR', 'https://label' || i || '.example', 'REPRESENTED', '0a5f0000-0000-4000-8000-000000000001', 'ACTIVE', now(), now(), 1 from b;
insert into member_external_ref (association_id, external_id, member_id, synced_fingerprint, synced_version)
  select '0a5f0000-0000-4000-8000-000000000001', 'EXT-' || id, id, decode(md5(id::text), 'hex'), 1 from b;
insert into contact (id, member_id, name, email, role, language, consents, created_at, updated_at, version)
  select gen_random_uuid(), id, 'Person ' || i || '-' || k, 'p' || i || '-' || k || '@label.example', case k when 1 then 'PRIMARY' else 'PRESS' end, 'fr', '{"campaigns": {"granted": true, "at": "2026-12-01T00:00:00Z", "source": "sync"}}', now(), now(), 1
  from b, generate_series(1, 2) k where k = 1 or i % 40 < 21;
insert into member_history (member_id, subject, subject_id, action, actor, at, changes)
  select id, case when k = 0 then 'MEMBER' else 'CONTACT' end, id, 'created', 'sync-fr', now(), ('{"legalName":{"before":null,"after":"Label legal name ' || i || ' Ltd"},"displayName":{"before":null,"after":"Label ' || i || '"},"country":{"before":null,"after":"FR"},"status":{"before":null,"after":"ACTIVE"},"website":{"before":null,"after":"https://label' || i || '.example"}}')::json
  from b, generate_series(0, 2) k where k < 2 or i % 40 < 21;
insert into member_change (association_id, member_id, change, at, member)
  select '0a5f0000-0000-4000-8000-000000000001', id, 'created', now(), ('{"id":"' || id || '","kind":"COMPANY","legalName":"Label legal name ' || i || ' Ltd","displayName":"Label ' || i || '","country":"FR","website":"https://label' || i || '.example","category":"REPRESENTED","status":"ACTIVE","version":1}')::json from b;
insert into outbox_event (id, topic, event_type, source, aggregate_id, occurred_at, payload)
  select gen_random_uuid(), 'membership.members.v1', 'eu.impala.membership.member.registered.v1', '/membership-service', id::text, now(), ('{"memberId":"' || id || '","kind":"COMPANY","displayName":"Label ' || i || '","country":"FR","category":"REPRESENTED","status":"ACTIVE","representedBy":"0a5f0000-0000-4000-8000-000000000001"}')::json
  from b, generate_series(0, 2) k where k < 2 or i % 40 < 21;
insert into sync_run (id, association_id, actor, mode, dry_run, forced, outcome, created_at, summary, result)
  select gen_random_uuid(), '0a5f0000-0000-4000-8000-000000000001', 'sync-fr', 'upsert', false, false, 'applied', now(), '{"created":10000}', json_agg(json_build_object('index', i, 'externalId', 'EXT-' || id, 'memberId', id, 'outcome', 'created')) from b;
commit;
-- the relay moves its one position past what it published (no row is updated)
update outbox_position set published = pg_current_snapshot(), target = null, after_seq = null, moved_at = now();
