-- The e-mail notice of a new message from the care team (issue 21): each portal account may turn it off (on by
-- default), and each notice is sent once per message and account (an event delivered twice tells nobody twice).
-- The notice holds no patient details, only that there is a message and where to sign in.
alter table portal_account add column message_notices boolean not null default true;
create table portal_message_notice (
    message_id uuid        not null,
    account_id uuid        not null references portal_account (id),
    sent_at    timestamptz not null default now(),
    primary key (message_id, account_id)
);
