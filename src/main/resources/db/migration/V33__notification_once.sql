-- Alerts come from events, which may be delivered again after a node dies between doing the work and marking it
-- done: each alert carries the key of what it is about, and a person gets one alert per key.
alter table notification add column dedup_key text;
create unique index notification_once_idx on notification (recipient_id, dedup_key) where dedup_key is not null;
