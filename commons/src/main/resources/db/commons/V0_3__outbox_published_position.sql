-- The relay no longer marks each published row: it keeps one position, the snapshot of transactions whose rows it has
-- published (commit-order visibility; see OutboxRelay). Each row records the transaction that wrote it.
alter table outbox_event add column tx xid8;
-- rows already published need nothing more; the rest are published by the first drain (at least once, as before)
delete from outbox_event where sent_at is not null;
update outbox_event set tx = '1'::xid8;
alter table outbox_event alter column tx set default pg_current_xact_id();
alter table outbox_event alter column tx set not null;
drop index outbox_event_unsent;
alter table outbox_event drop column sent_at;
create index outbox_event_tx on outbox_event (tx, seq);
create index outbox_event_occurred_at on outbox_event (occurred_at);

-- One row: every transaction visible in 'published' has had all its rows published. While a window (the
-- transactions visible in 'target' but not in 'published') is drained in several batches, in seq order,
-- 'after_seq' is the last row of it sent.
create table outbox_position (
    id         int primary key default 1 check (id = 1),
    published  pg_snapshot not null,
    target     pg_snapshot,
    after_seq  bigint,
    moved_at   timestamptz not null default now()
);
insert into outbox_position (published) values ('1:1:');

-- Whether a row has been published: for tests and diagnostics of single rows.
create function outbox_published(row_tx xid8, row_seq bigint) returns boolean language sql stable as $$
    select pg_visible_in_snapshot(row_tx, p.published)
        or (p.target is not null and pg_visible_in_snapshot(row_tx, p.target)
            and row_seq <= p.after_seq)
    from outbox_position p
$$;

-- The committed rows not yet published (the backlog), found through the tx index: only rows of transactions at or
-- after the published snapshot's xmin can be unpublished.
create function outbox_backlog() returns setof outbox_event language sql stable as $$
    select o.* from outbox_event o, outbox_position p
    where o.tx >= pg_snapshot_xmin(p.published) and not pg_visible_in_snapshot(o.tx, p.published)
      and not (p.target is not null and pg_visible_in_snapshot(o.tx, p.target) and o.seq <= p.after_seq)
$$;
