-- Messages with the patient (team module): a thread the case team shares with the patient (and the proxies the
-- patient lets see everything) in the portal, who wrote each message (a staff member, the patient or a proxy in the
-- portal), and whether a message from the portal held words about self-harm (the safety net answered it).
alter table message_thread add column with_patient boolean not null default false;
alter table message add column author_kind text not null default 'STAFF'
    constraint message_author_kind_known check (author_kind in ('STAFF', 'PATIENT', 'PROXY'));
alter table message add column urgent_words boolean not null default false;
-- the portal's list of the patient's shared threads, latest activity first
create index message_thread_with_patient_idx on message_thread (patient_id, last_posted_at desc) where with_patient and not voided;
