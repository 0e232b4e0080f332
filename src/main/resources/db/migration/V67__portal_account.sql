-- The patient portal's accounts (capability 13): a separate realm from staff user_account. An account belongs to a
-- patient (support_contact_id null: the patient themselves) or to one of the patient's support-network contacts (a
-- proxy, who sees what the patient lets that contact be told). Invited accounts have no password until the invitee
-- sets one; revoked accounts never sign in again (a new invitation makes a new account).
create table portal_account (
    id                 uuid primary key,
    patient_id         uuid        not null references patient (id),
    support_contact_id uuid references patient_contact (id),
    login              text unique check (login = lower(login) and char_length(login) between 3 and 254),
    display_name       text        not null check (char_length(display_name) between 1 and 200),
    email              text check (char_length(email) <= 254),
    password_hash      text check (char_length(password_hash) <= 500),
    status             text        not null check (status in ('INVITED', 'ACTIVE', 'REVOKED')),
    -- the second factor (RFC 6238 TOTP): the shared secret (base32) once confirmed
    totp_secret        text check (char_length(totp_secret) <= 200),
    language           text check (language in ('en', 'es')),
    failed_attempts    int         not null default 0,
    locked_until       timestamptz,
    last_login_at      timestamptz,
    created_at         timestamptz not null default now(),
    created_by         text        not null check (char_length(created_by) <= 200),
    activated_at       timestamptz,
    revoked_at         timestamptz,
    revoked_by         text check (char_length(revoked_by) <= 200),
    check ((status = 'ACTIVE') = (password_hash is not null and login is not null) or status = 'REVOKED')
);
-- one account not revoked per person: the patient, or each contact
create unique index portal_account_person_idx on portal_account (patient_id, coalesce(support_contact_id, patient_id))
    where status <> 'REVOKED';
create index portal_account_contact_idx on portal_account (support_contact_id) where support_contact_id is not null;
