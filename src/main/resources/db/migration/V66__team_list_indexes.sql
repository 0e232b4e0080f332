-- The team's list pages at scale (benchmark mode i: 20,000 threads, 100,000 messages).
-- The inbox (/team/messages): the threads where the user was sent a message, read or not (the existing index on
-- message_recipient holds only the unread ones), or wrote one.
create index message_recipient_user_idx on message_recipient (user_id, message_id);
create index message_author_idx on message (author_id, thread_id);
-- FHIR Communication searched over every patient the reader may read, newest first: read in this order, no sort of
-- the whole table (the patient's own search uses message_patient_idx).
create index message_posted_idx on message (posted_at desc, id) where not voided;
