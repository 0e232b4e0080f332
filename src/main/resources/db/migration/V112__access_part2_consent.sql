-- 42 CFR Part 2: the patient's consents to disclose the records of a substance-use program (who may receive what
-- for which purpose until when), revocable; and the days on which a consent was used, so that each use is
-- recorded as a disclosure once a day per recipient.
create table part2_consent (
    id             uuid primary key,
    patient_id     uuid        not null,
    recipient_kind text        not null check (recipient_kind in ('STAFF', 'API_CLIENT', 'OUTSIDE')),
    recipient_user uuid,
    recipient_key  text,
    recipient_name text        not null check (length(recipient_name) between 1 and 200),
    purpose        text        not null check (purpose in ('TREATMENT_PAYMENT_OPERATIONS', 'TREATMENT', 'PAYMENT',
                                                           'OPERATIONS', 'RESEARCH', 'OTHER')),
    purpose_text   text check (length(purpose_text) <= 500),
    what           text        not null check (length(what) between 1 and 1000),
    valid_from     date        not null,
    valid_until    date        not null,
    signed_on      date        not null,
    signed_by      text        not null check (length(signed_by) between 1 and 200),
    status         text        not null default 'ACTIVE' check (status in ('ACTIVE', 'REVOKED')),
    revoked_at     timestamptz,
    revoked_by     text,
    revoke_reason  text check (length(revoke_reason) <= 2000),
    recorded_at    timestamptz not null default now(),
    recorded_by    text        not null,
    check (valid_until >= valid_from),
    check (recipient_kind <> 'STAFF' or recipient_user is not null),
    check (recipient_kind <> 'API_CLIENT' or recipient_key is not null),
    check (purpose <> 'OTHER' or purpose_text is not null),
    check ((status = 'REVOKED') = (revoked_at is not null))
);
create index part2_consent_patient_idx on part2_consent (patient_id, status);
create index part2_consent_user_idx on part2_consent (recipient_user, patient_id) where status = 'ACTIVE';
create index part2_consent_key_idx on part2_consent (recipient_key, patient_id) where status = 'ACTIVE';

-- the consent's states and the moves between them (a revoked consent stays revoked)
create table part2_consent_transition (
    from_status text not null,
    to_status   text not null,
    primary key (from_status, to_status)
);
insert into part2_consent_transition values ('ACTIVE', 'REVOKED');

create table part2_consent_use (
    consent_id uuid not null references part2_consent (id),
    recipient  text not null,
    used_on    date not null,
    primary key (consent_id, recipient, used_on)
);
