-- During a rolling upgrade the relay of the release before still runs, reading outbox_event alone: it could take the
-- relay's lock, find nothing there and close a window over the journal's rows without having sent them. With the
-- window's column renamed its statements fail instead, and it leaves the position alone until its pods are gone.
alter table outbox_position rename column target to window_target;

create or replace function outbox_published(row_tx xid8, row_seq bigint) returns boolean language sql stable as $$
    select pg_visible_in_snapshot(row_tx, p.published)
        or (p.window_target is not null and pg_visible_in_snapshot(row_tx, p.window_target)
            and row_seq <= p.after_seq)
    from outbox_position p
$$;

-- What the relay publishes, in seq order: the outbox's rows. A service whose own table carries its events (membership's
-- change journal) replaces these views with ones that add them. Every row has a seq drawn from outbox_event's sequence
-- and the tx that wrote it; one seq may stand for several events (ord orders them), and they are published together.
-- source may be null: the relay fills in its service's own.
create view outbox_source as
    select seq, 0 as ord, tx, id, topic, event_type, source, aggregate_id, occurred_at, payload from outbox_event;

-- The same rows, one per seq, with how many events each stands for, without reading the events: for the relay to find
-- where its next window starts, and for the backlog.
create view outbox_rows as
    select seq, tx, 1 as events, occurred_at from outbox_event;

-- The backlog: the rows the relay has still to publish, wherever they come from (sum(events) counts the events). The
-- position is read in scalar subqueries, as the relay reads it: joined, PostgreSQL could not bound the tx range of each
-- part of a union view, and read every row kept. The upper bound changes nothing (every committed row's tx is below
-- it) but makes the range an index range.
drop function outbox_backlog();
create function outbox_backlog() returns setof outbox_rows language sql stable as $$
    select o.* from outbox_rows o
    where o.tx >= (select pg_snapshot_xmin(published) from outbox_position)
      and o.tx < pg_snapshot_xmax(pg_current_snapshot())
      and not pg_visible_in_snapshot(o.tx, (select published from outbox_position))
      and not coalesce((select window_target is not null and pg_visible_in_snapshot(o.tx, window_target) and o.seq <= after_seq
                        from outbox_position), false)
$$;
