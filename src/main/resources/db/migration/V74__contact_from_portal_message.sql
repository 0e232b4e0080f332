-- A contact logged from a message the patient (or a proxy) wrote in the portal (contact module): the message it came
-- from, so that an event delivered twice logs one contact.
alter table contact add column source_message uuid;
create unique index contact_source_message_idx on contact (source_message) where source_message is not null;
