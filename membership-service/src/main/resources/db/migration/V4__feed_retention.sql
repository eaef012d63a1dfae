-- The delta feed keeps its changes for impala.membership.feed.retention (90 days); older ones are deleted in bulk.
-- What was deleted, per association: a cursor from before that point can no longer be followed (410 Gone: the
-- client resynchronises from the member listing, whose first page gives a fresh cursor).
create table member_change_horizon (
    association_id  uuid primary key,
    pruned_through  bigint not null   -- every change of the association with seq <= this is gone
);
create index member_change_at on member_change (at);
