create table test_note (
    id   uuid primary key,
    text text not null
);
create table test_applied (
    subject text primary key,
    times   int  not null
);
