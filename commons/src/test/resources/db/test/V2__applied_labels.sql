alter table test_applied add column labels text[] not null default '{}';
