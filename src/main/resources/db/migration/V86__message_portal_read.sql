-- What each portal account (the patient, a proxy) has read of the threads shared with the patient (team module): the
-- time up to which the thread's messages were shown to them. The care team's messages after it are unread.
create table message_portal_read (
    thread_id  uuid        not null references message_thread (id),
    account_id uuid        not null,
    read_to    timestamptz not null,
    primary key (thread_id, account_id)
);
