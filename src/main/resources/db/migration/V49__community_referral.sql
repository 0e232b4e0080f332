-- Community resources, part two: closed-loop referrals to the directory's services, in the shapes of the HL7 SDOH
-- Clinical Care guide (Gravity): the referral (a ServiceRequest) and its fulfilment (a Task) are one row here, with
-- the Task's status, its statusReason and its outcome. The row keeps a snapshot of what was sent (the service, its
-- address, phone and hours as they were) and of exactly what the patient consented to share, so that the
-- organisation's page reads only that snapshot and never the patient's record. The statuses move only along
-- community_referral_transition (every change is one guarded update joined to that table); each change adds a row to
-- community_referral_history, which is never updated or deleted.

create table community_referral_transition (
    action      text not null,
    from_status text not null check (from_status in ('REQUESTED', 'RECEIVED', 'ACCEPTED', 'REJECTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    to_status   text not null check (to_status in ('REQUESTED', 'RECEIVED', 'ACCEPTED', 'REJECTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    primary key (action, from_status)
);
insert into community_referral_transition (action, from_status, to_status) values
    ('RECEIVE', 'REQUESTED', 'RECEIVED'),
    ('ACCEPT', 'REQUESTED', 'ACCEPTED'),
    ('ACCEPT', 'RECEIVED', 'ACCEPTED'),
    ('REJECT', 'REQUESTED', 'REJECTED'),
    ('REJECT', 'RECEIVED', 'REJECTED'),
    ('START', 'ACCEPTED', 'IN_PROGRESS'),
    ('COMPLETE', 'ACCEPTED', 'COMPLETED'),
    ('COMPLETE', 'IN_PROGRESS', 'COMPLETED'),
    ('CANCEL', 'REQUESTED', 'CANCELLED'),
    ('CANCEL', 'RECEIVED', 'CANCELLED'),
    ('CANCEL', 'ACCEPTED', 'CANCELLED'),
    ('CANCEL', 'IN_PROGRESS', 'CANCELLED');

create table community_referral (
    id                  uuid primary key,
    patient_id          uuid        not null,
    service_id          uuid        not null references community_service (id),
    organization_id     uuid        not null references community_organization (id),
    -- who sent it and hears of its answers (the case manager; a user id)
    sender_id           uuid        not null,
    sender_name         text        not null constraint community_referral_sender_name_max_200 check (char_length(sender_name) <= 200),
    -- where it started: a social need (assessment) or a care-plan intervention, with its words as they were
    origin_kind         text        not null check (origin_kind in ('NEED', 'INTERVENTION', 'NONE')),
    origin_id           uuid,
    origin_label        text constraint community_referral_origin_label_max_500 check (char_length(origin_label) <= 500),
    need_code           text constraint community_referral_need_code_max_100 check (char_length(need_code) <= 100),
    request             text        not null constraint community_referral_request_max_2000 check (char_length(request) <= 2000),
    -- the snapshot of the service as it was sent
    service_name        text        not null constraint community_referral_service_name_max_300 check (char_length(service_name) <= 300),
    organization_name   text        not null constraint community_referral_organization_name_max_300 check (char_length(organization_name) <= 300),
    address             text constraint community_referral_address_max_1000 check (char_length(address) <= 1000),
    phone               text constraint community_referral_phone_max_50 check (char_length(phone) <= 50),
    hours               text constraint community_referral_hours_max_2000 check (char_length(hours) <= 2000),
    transportation      text constraint community_referral_transportation_max_2000 check (char_length(transportation) <= 2000),
    application_process text constraint community_referral_application_max_4000 check (char_length(application_process) <= 4000),
    referral_email      text constraint community_referral_referral_email_max_254 check (char_length(referral_email) <= 254),
    -- the consent to share: which items go to the organisation, and the values shared (only those consented)
    share_name_contact  boolean     not null default false,
    share_birth_date    boolean     not null default false,
    share_language      boolean     not null default false,
    share_need          boolean     not null default false,
    share_insurance     boolean     not null default false,
    shared_name         text constraint community_referral_shared_name_max_300 check (char_length(shared_name) <= 300),
    shared_phone        text constraint community_referral_shared_phone_max_50 check (char_length(shared_phone) <= 50),
    shared_email        text constraint community_referral_shared_email_max_254 check (char_length(shared_email) <= 254),
    shared_birth_date   date,
    shared_language     text constraint community_referral_shared_language_max_50 check (char_length(shared_language) <= 50),
    shared_insurance    text constraint community_referral_shared_insurance_max_500 check (char_length(shared_insurance) <= 500),
    note_for_organization text constraint community_referral_note_max_2000 check (char_length(note_for_organization) <= 2000),
    consent_by          text        not null,
    consent_at          timestamptz not null,
    -- 42 CFR 2.31: the consent a Part 2 patient's referral needs (null when none was needed)
    part2_recipient     text constraint community_referral_part2_recipient_max_300 check (char_length(part2_recipient) <= 300),
    part2_purpose       text constraint community_referral_part2_purpose_max_500 check (char_length(part2_purpose) <= 500),
    part2_information   text constraint community_referral_part2_information_max_1000 check (char_length(part2_information) <= 1000),
    part2_expires_on    date,
    part2_signed_on     date,
    -- how the patient wants to be reached
    contact_phone       boolean     not null default false,
    contact_text        boolean     not null default false,
    contact_email       boolean     not null default false,
    contact_times       text constraint community_referral_contact_times_max_200 check (char_length(contact_times) <= 200),
    contact_language    text constraint community_referral_contact_language_max_50 check (char_length(contact_language) <= 50),
    -- the Task
    status              text        not null check (status in ('REQUESTED', 'RECEIVED', 'ACCEPTED', 'REJECTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    status_reason       text constraint community_referral_status_reason_max_1000 check (char_length(status_reason) <= 1000),
    outcome             text check (outcome in ('SERVICE_DELIVERED', 'UNABLE_TO_CONTACT', 'DECLINED_BY_PATIENT', 'NOT_ELIGIBLE')),
    sent_at             timestamptz not null,
    answer_due_at       timestamptz not null,
    last_answer_at      timestamptz,
    closed_at           timestamptz,
    unanswered_at       timestamptz,
    -- the organisation's single-referral link: only the SHA-256 of its token is kept
    link_hash           text        unique,
    link_expires_at     timestamptz,
    created_at          timestamptz not null default now(),
    created_by          text        not null,
    updated_at          timestamptz not null default now(),
    updated_by          text        not null,
    version             integer     not null default 0,
    check ((origin_kind = 'NONE') = (origin_id is null)),
    check ((status = 'COMPLETED') = (outcome is not null))
);
create index community_referral_patient_idx on community_referral (patient_id, sent_at desc);
create index community_referral_sender_idx on community_referral (sender_id, answer_due_at)
    where status in ('REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS');
create index community_referral_unanswered_idx on community_referral (answer_due_at)
    where status in ('REQUESTED', 'RECEIVED') and unanswered_at is null;
create index community_referral_origin_idx on community_referral (origin_id) where origin_id is not null;
create index community_referral_sent_idx on community_referral (sent_at);

create table community_referral_history (
    id           uuid primary key,
    referral_id  uuid        not null references community_referral (id),
    action       text        not null constraint community_referral_history_action_max_40 check (char_length(action) <= 40),
    from_status  text,
    to_status    text        not null,
    reason       text constraint community_referral_history_reason_max_1000 check (char_length(reason) <= 1000),
    outcome      text,
    note         text constraint community_referral_history_note_max_2000 check (char_length(note) <= 2000),
    -- STAFF (a Caremap user), ORGANIZATION (through its link), SYSTEM (over FHIR, or Caremap itself)
    actor_kind   text        not null check (actor_kind in ('STAFF', 'ORGANIZATION', 'SYSTEM')),
    actor_name   text        not null constraint community_referral_history_actor_max_300 check (char_length(actor_name) <= 300),
    at           timestamptz not null default now()
);
create index community_referral_history_referral_idx on community_referral_history (referral_id, at);

-- append-only: the history of a referral is kept as it was written
create function community_referral_history_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'community_referral_history is append-only';
end $$;
create trigger community_referral_history_no_change before update or delete on community_referral_history
    for each row execute function community_referral_history_append_only();

-- business days a program gives an organisation to answer (the property's default where a program has none)
create table community_answer_deadline (
    program_id    uuid primary key,
    business_days integer not null check (business_days between 1 and 60),
    updated_at    timestamptz not null default now(),
    updated_by    text not null
);
