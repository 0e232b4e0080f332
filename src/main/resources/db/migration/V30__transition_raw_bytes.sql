-- Each ADT message's bytes exactly as they arrived, before decoding and normalising: what the feed really sent, kept
-- even when its text cannot be stored as such (a NUL byte, which PostgreSQL text cannot hold, is kept here and shown
-- as U+FFFD in payload; bytes that are not UTF-8). Of a message larger than caremap.adt.max-message-bytes, the limit
-- plus one byte is kept. Null for messages received before this column existed: their payload is all there is.
alter table adt_message add column raw bytea;
