-- Disclosures of a patient's information outside the organisation (disclosure module), for the accounting of
-- disclosures the patient may ask for (HIPAA 45 CFR 164.528: six years; each entry with its date, the recipient,
-- what was disclosed and why). Recorded by staff (a release of information) or by the module that disclosed (a
-- community referral, an answer given to the patient). The basis says whether the accounting lists it: disclosures for treatment, payment or
-- operations, to the patient, under the patient's authorization, and the rule's other exclusions are kept but not
-- accounted. A health oversight agency or a law enforcement official may have the accounting of their disclosure
-- suspended for a time (164.528(a)(2)).
create table disclosure (
    id               uuid primary key,
    patient_id       uuid        not null,
    disclosed_on     date        not null,
    recipient        text        not null constraint disclosure_recipient_size check (length(recipient) between 1 and 200),
    recipient_address text       constraint disclosure_address_size check (length(recipient_address) <= 300),
    description      text        not null constraint disclosure_description_size check (length(description) between 1 and 1000),
    purpose          text        not null constraint disclosure_purpose_size check (length(purpose) between 1 and 1000),
    basis            text        not null constraint disclosure_basis check (basis in (
                         'TREATMENT', 'PAYMENT', 'OPERATIONS', 'TO_PATIENT', 'AUTHORIZATION', 'INVOLVED_PERSONS',
                         'FACILITY_DIRECTORY', 'NATIONAL_SECURITY', 'CORRECTIONAL', 'LIMITED_DATA_SET', 'INCIDENTAL',
                         'REQUIRED_BY_LAW', 'PUBLIC_HEALTH', 'ABUSE_NEGLECT', 'HEALTH_OVERSIGHT', 'JUDICIAL',
                         'LAW_ENFORCEMENT', 'DECEDENT', 'ORGAN_DONATION', 'RESEARCH', 'SERIOUS_THREAT',
                         'WORKERS_COMPENSATION', 'NOT_PERMITTED')),
    suspended_until  date,
    source           text        not null constraint disclosure_source check (source in ('RECORDED', 'COMMUNITY_REFERRAL', 'ANSWER')),
    source_id        text,
    recorded_by      text        not null,
    recorded_at      timestamptz not null default now(),
    constraint disclosure_source_once unique (source, source_id)
);
create index disclosure_patient_idx on disclosure (patient_id, disclosed_on);

-- A patient's request for an accounting of disclosures or for the record's access log, and when it was answered.
create table disclosure_request (
    id           uuid primary key,
    patient_id   uuid        not null,
    kind         text        not null constraint disclosure_request_kind check (kind in ('ACCOUNTING', 'ACCESS_LOG')),
    requested_by text        not null constraint disclosure_request_by_size check (length(requested_by) between 1 and 200),
    requested_on date        not null,
    period_from  date        not null,
    period_to    date        not null,
    recorded_by  text        not null,
    recorded_at  timestamptz not null default now(),
    produced_at  timestamptz,
    produced_by  text,
    constraint disclosure_request_period check (period_to >= period_from)
);
create index disclosure_request_patient_idx on disclosure_request (patient_id, recorded_at);
