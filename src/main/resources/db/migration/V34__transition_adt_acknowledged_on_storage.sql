-- ADT messages are acknowledged once stored and applied afterwards. A message stored and not yet applied is
-- RECEIVED; one whose content could not be applied (a discharge without its time) is ERROR, with the reason in
-- error, until someone processes it again.
alter table adt_message drop constraint adt_message_status_check;
alter table adt_message add constraint adt_message_status_check
    check (status in ('RECEIVED', 'APPLIED', 'STORED', 'UNMATCHED', 'REJECTED', 'ERROR'));

-- The order in which messages are applied: per order key (the sending facility and the patient's first identifier,
-- or names and birth date), in the order they arrived. Applying waits while an earlier message of the same key is
-- still waiting, so a discharge is never applied before the admission sent before it.
create sequence adt_message_arrival_seq;
alter table adt_message
    add column order_key text,
    add column arrival bigint,
    -- an attempt that failed for a reason other than the content (the database went away) is retried, not at once
    add column attempts int not null default 0,
    add column apply_after timestamptz,
    -- who sent it (the feed, or over HTTP the client whose token was presented): the audit trail names them
    -- when the message is applied
    add column received_by text,
    add constraint adt_message_order_key_max_300 check (char_length(order_key) <= 300) not valid,
    add constraint adt_message_received_by_max_300 check (char_length(received_by) <= 300) not valid;
alter table adt_message alter column arrival set default nextval('adt_message_arrival_seq');
alter sequence adt_message_arrival_seq owned by adt_message.arrival;

create index adt_message_waiting_idx on adt_message (arrival) where status = 'RECEIVED';
create index adt_message_error_idx on adt_message (received_at desc) where status = 'ERROR';
