-- The care team outside Caremap (team module): people who care for the patient of a case but are not (or not only)
-- Caremap staff: the primary care physician from the patient's providers, a pharmacist, a community health worker, a
-- community organisation's contact, a family caregiver from the support network. Each with a role, a period and how to
-- reach them. Caremap users on the case team stay in caseload's case_team_member (the source of who has access); a
-- member here may name the Caremap account they sign in with, which opens the record to them as care team.
create table care_team_member (
    id                uuid primary key,
    case_id           uuid        not null,
    patient_id        uuid        not null,
    kind              text        not null check (kind in ('PRIMARY_CARE_PHYSICIAN', 'PHARMACIST', 'COMMUNITY_HEALTH_WORKER',
        'COMMUNITY_ORGANIZATION', 'FAMILY_CAREGIVER', 'OTHER')),
    name              text        not null constraint care_team_member_name_max_200 check (char_length(name) between 1 and 200),
    role              text        not null constraint care_team_member_role_max_200 check (char_length(role) between 1 and 200),
    organization      text constraint care_team_member_organization_max_200 check (char_length(organization) <= 200),
    phone             text constraint care_team_member_phone_max_40 check (char_length(phone) <= 40),
    email             text constraint care_team_member_email_max_254 check (char_length(email) <= 254),
    preferred_contact text        not null check (preferred_contact in ('PHONE', 'EMAIL', 'TEXT', 'MAIL')),
    source_kind       text check (source_kind in ('PROVIDER', 'SUPPORT_CONTACT')),
    source_id         uuid,
    user_id           uuid,
    valid_from        date        not null,
    valid_to          date,
    end_reason        text constraint care_team_member_end_reason_max_500 check (char_length(end_reason) <= 500),
    voided            boolean     not null default false,
    voided_by         text,
    void_reason       text constraint care_team_member_void_reason_max_2000 check (char_length(void_reason) <= 2000),
    created_at        timestamptz not null default now(),
    created_by        text        not null,
    updated_at        timestamptz not null default now(),
    updated_by        text        not null,
    check (valid_to is null or valid_to >= valid_from),
    check ((source_kind is null) = (source_id is null)),
    check (preferred_contact <> 'PHONE' or phone is not null),
    check (preferred_contact <> 'TEXT' or phone is not null),
    check (preferred_contact <> 'EMAIL' or email is not null)
);
-- the team page and the CareTeam resource: a case's members in the order they joined
create index care_team_member_case_idx on care_team_member (case_id, valid_from, id) where not voided;
-- a patient's members (merges, the members of every case of a patient)
create index care_team_member_patient_idx on care_team_member (patient_id) where not voided;
-- the members who sign in: which threads they are told about
create index care_team_member_user_idx on care_team_member (user_id) where user_id is not null and not voided;
