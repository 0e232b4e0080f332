-- The languages staff speak with patients (ISO 639 codes), used to suggest a case manager.
alter table user_account add column languages text[] not null default '{en}';
