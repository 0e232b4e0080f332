-- Secure messages (team module): threads per case between the case team (staff, and outside members who have a
-- Caremap account), messages with an urgent flag, who each message was sent to and when they read it (read receipts,
-- the unread counts), and attachments stored here, bounded in size and type like the other uploads.
create table message_thread (
    id          uuid primary key,
    case_id     uuid        not null,
    patient_id  uuid        not null,
    subject     text        not null constraint message_thread_subject_max_200 check (char_length(subject) between 1 and 200),
    last_posted_at timestamptz not null default now(),
    voided      boolean     not null default false,
    voided_by   text,
    void_reason text constraint message_thread_void_reason_max_2000 check (char_length(void_reason) <= 2000),
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null
);
-- the patient's threads, latest activity first
create index message_thread_patient_idx on message_thread (patient_id, last_posted_at desc) where not voided;

create table message (
    id           uuid primary key,
    thread_id    uuid        not null references message_thread (id),
    patient_id   uuid        not null,
    author_id    uuid        not null,
    author_name  text        not null constraint message_author_name_max_200 check (char_length(author_name) <= 200),
    body         text        not null constraint message_body_max_4000 check (char_length(body) between 1 and 4000),
    urgent       boolean     not null default false,
    posted_at    timestamptz not null default now(),
    voided       boolean     not null default false,
    voided_by    text,
    void_reason  text constraint message_void_reason_max_2000 check (char_length(void_reason) <= 2000),
    created_at   timestamptz not null default now(),
    created_by   text        not null,
    updated_at   timestamptz not null default now(),
    updated_by   text        not null
);
-- a thread's messages in order; the patient's messages (timeline, FHIR Communication search) in order
create index message_thread_idx on message (thread_id, posted_at, id);
create index message_patient_idx on message (patient_id, posted_at, id) where not voided;

-- who a message was sent to, and when they read it
create table message_recipient (
    message_id uuid        not null references message (id),
    user_id    uuid        not null,
    external   boolean     not null default false,
    read_at    timestamptz,
    primary key (message_id, user_id)
);
-- unread counts per person
create index message_recipient_unread_idx on message_recipient (user_id) where read_at is null;

create table message_attachment (
    id           uuid primary key,
    message_id   uuid        not null references message (id),
    filename     text        not null constraint message_attachment_filename_max_300 check (char_length(filename) between 1 and 300),
    content_type text        not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg', 'text/plain')),
    size_bytes   integer     not null check (size_bytes between 1 and 5242880),
    content      bytea       not null,
    created_at   timestamptz not null default now(),
    created_by   text        not null
);
create index message_attachment_message_idx on message_attachment (message_id);
