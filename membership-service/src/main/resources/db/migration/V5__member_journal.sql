-- One append-only journal of membership changes: a row per change of a member (with its contacts) made by one
-- operation, written once. It is the member's history (changes: its entries, expanded by GET .../history), the
-- associations' delta feed (feed_association, left_association: which feeds show it), and the outbox of the events it
-- caused (events, published by the relay through outbox_source). Its seq is drawn from outbox_event's sequence, so the
-- relay orders both tables' events in one seq order; tx is the writing transaction, as in outbox_event.
create table member_journal (
    seq              bigint      primary key default nextval('outbox_event_seq_seq'),
    tx               xid8        not null default pg_current_xact_id(),
    member_id        uuid        not null,
    at               timestamptz not null,
    actor            text        not null,
    action           text,       -- the member's own change (created, updated, status-changed, erased; the last if
                                 -- several), as the feed shows it; null when only contacts changed
    feed_association uuid,       -- the association whose feed shows this change (the one representing the member after it)
    left_association uuid,       -- the association the member left with this change: its feed shows left-association
    -- JSON kept as text: written once by the service's serialiser, and parsed only where it is read (validating
    -- 10,000 rows' JSON again as json cost a tenth of a sync's journal insert)
    changes          text        not null,  -- [{"subject", "subjectId", "action", "reason"?, "changes": {"field": {"before", "after"}}}]
    events           text,                  -- [{"id", "topic", "type", "data"}]; data is published byte for byte
    event_count      int                    -- how many events holds: the backlog counts them without reading them
);
create index member_journal_member on member_journal (member_id, seq);
create index member_journal_feed on member_journal (feed_association, seq) where feed_association is not null;
create index member_journal_left on member_journal (left_association, seq) where left_association is not null;
create index member_journal_tx on member_journal (tx, seq) where events is not null;

-- The history moves over in its order, one journal row per former history row. Its events were written to outbox_event,
-- which the relay still publishes (below); these rows carry none. The feed starts afresh: cursors given out before
-- name positions of the dropped member_change table and are answered 410 Gone (the client resynchronises).
insert into member_journal (seq, member_id, at, actor, action, changes)
select nextval('outbox_event_seq_seq'), h.member_id, h.at, h.actor, case when h.subject = 'MEMBER' then h.action end,
       json_build_array(case when h.reason is null
           then json_build_object('subject', h.subject, 'subjectId', h.subject_id, 'action', h.action, 'changes', h.changes)
           else json_build_object('subject', h.subject, 'subjectId', h.subject_id, 'action', h.action, 'reason', h.reason,
                                  'changes', h.changes) end)::text
from (select * from member_history order by id) h;

drop table member_history;
drop table member_change;
drop table member_change_horizon;

-- The relay publishes the outbox's rows and the journal's events, one row per event, in seq order. Each journal row's
-- events are parsed once (json_to_recordset); data keeps its text. outbox_rows gives the rows that carry events
-- without parsing them, for the relay to find where its next window starts.
create or replace view outbox_source as
    select seq, 0 as ord, tx, id, topic, event_type, source, aggregate_id, occurred_at, payload from outbox_event
    union all
    select j.seq, e.ord::int, j.tx, e.id, e.topic, e.type, null::text, j.member_id::text, j.at, e.data
    from member_journal j, rows from (json_to_recordset(j.events::json) as (id uuid, topic text, type text, data json))
         with ordinality as e(id, topic, type, data, ord)
    where j.events is not null;
create or replace view outbox_rows as
    select seq, tx, 1 as events, occurred_at from outbox_event
    union all
    select seq, tx, event_count, at from member_journal where events is not null;
