-- The renewal reminders sent: one row per member, renewal date and reminder (days before the date). The primary key
-- is what makes a reminder go once: the job inserts with "on conflict do nothing" and publishes only what it inserted,
-- in the same transaction, so a restart or a second replica sends none twice. A new renewal date starts afresh.
create table renewal_reminder (
    member_id       uuid        not null references member (id),
    renewal_due_on  date        not null,
    days_before     int         not null check (days_before >= 0),
    sent_at         timestamptz not null,
    primary key (member_id, renewal_due_on, days_before)
);
