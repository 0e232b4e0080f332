-- In-app notifications and the e-mail outbox (sent by a job: logged in the default setup, SMTP when set up).
create table notification (
    id           uuid primary key,
    recipient_id uuid        not null,
    category     text        not null,
    title        text        not null,
    body         text,
    link         text,
    created_at   timestamptz not null default now(),
    read_at      timestamptz
);
create index notification_recipient_idx on notification (recipient_id, created_at desc);
create index notification_unread_idx on notification (recipient_id) where read_at is null;

create table email_outbox (
    id           uuid primary key,
    recipient    text        not null,
    subject      text        not null,
    body         text        not null,
    status       text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'LOGGED', 'FAILED')),
    attempts     int         not null default 0,
    last_error   text,
    created_at   timestamptz not null default now(),
    processed_at timestamptz
);
create index email_outbox_pending_idx on email_outbox (created_at) where status = 'PENDING';
