-- The membership statistics count joins, lapses, terminations and re-activations per month from the journal. Parsing
-- every row's changes for that would read the whole history; instead each row says, in two short columns, the status
-- its member had before the operation and the one it had after, when the operation changed it (both null otherwise;
-- status_before null and status_after set: the member was created). An index over only those rows answers a month
-- range platform-wide or for the association whose feed shows the row (the one representing the member after it).
alter table member_journal add column status_before text, add column status_after text;

-- Rows written before: the first status entry's before and the last one's after, of the member's own entries.
with moves as (
    select j.seq,
           (array_agg(e.entry -> 'changes' -> 'status' ->> 'before' order by e.ord))[1] as status_before,
           (array_agg(e.entry -> 'changes' -> 'status' ->> 'after' order by e.ord desc))[1] as status_after
    from member_journal j
    cross join lateral json_array_elements(j.changes::json) with ordinality as e(entry, ord)
    where j.action is not null and j.changes like '%"status"%'
      and e.entry ->> 'subject' = 'MEMBER' and e.entry -> 'changes' -> 'status' is not null
    group by j.seq)
update member_journal j set status_before = m.status_before, status_after = m.status_after
from moves m
where j.seq = m.seq and m.status_after is distinct from m.status_before;

-- Keyed by the UTC month (an immutable expression) and the move itself: a range of months is one index-only scan that
-- reads its entries in group order, without touching the rows or sorting them.
create index member_journal_status_moves on member_journal
    ((date_trunc('month', at at time zone 'UTC')), status_before, status_after) where status_after is not null;
create index member_journal_association_status_moves on member_journal
    (feed_association, (date_trunc('month', at at time zone 'UTC')), status_before, status_after)
    where status_after is not null;
