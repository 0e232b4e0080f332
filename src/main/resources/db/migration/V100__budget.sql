-- Program budgets and the cost of care (module budget): a budget per program and year with its lines, the rates the
-- arranged care is priced at (per payer or the contract's, per service code, with effective dates), the bookings of
-- commitments and spend made from the other modules' events, and the patient's own share of an arranged service.

create table budget (
    id          uuid primary key,
    program_id  uuid not null,
    year        int not null check (year between 2000 and 2100),
    note        text check (note is null or length(note) <= 1000),
    version     int not null default 0,
    created_at  timestamptz not null default now(),
    created_by  text not null,
    updated_at  timestamptz not null default now(),
    updated_by  text not null,
    unique (program_id, year)
);

create table budget_amount (
    budget_id     uuid not null references budget (id),
    line          text not null check (line in ('STAFF_TIME', 'PURCHASED_SERVICES', 'TRANSPORT', 'FLEXIBLE_FUNDS')),
    amount_cents  bigint not null check (amount_cents between 0 and 100000000000),
    primary key (budget_id, line)
);

-- source: what is priced (an authorization line's code, a community service, a ride, an hour of staff time);
-- payer null: the contract's rate, for any payer without a rate of its own
create table budget_rate (
    id              uuid primary key,
    source          text not null check (source in ('AUTHORIZATION', 'COMMUNITY', 'TRANSPORT', 'STAFF_TIME')),
    payer           text check (payer is null or length(payer) between 1 and 200),
    code            text not null check (length(code) between 1 and 100),
    label           text check (label is null or length(label) <= 200),
    effective_from  date not null,
    effective_to    date,
    cents_per_unit  bigint not null check (cents_per_unit between 0 and 1000000000),
    voided          boolean not null default false,
    voided_by       text,
    void_reason     text,
    created_at      timestamptz not null default now(),
    created_by      text not null,
    updated_at      timestamptz not null default now(),
    updated_by      text not null,
    check (effective_to is null or effective_to >= effective_from)
);
create index budget_rate_code on budget_rate (source, code) where not voided;

-- one row per thing booked, keyed by what it comes from (entry_key) so that a listener that runs again changes nothing;
-- a commitment's units are those arranged (arranged_units) less the spend booked from the same source;
-- released: a booking that no longer holds (a commitment denied, withdrawn or cancelled; a use taken back)
create table budget_booking (
    id               uuid primary key,
    entry_key        text not null unique,
    source           text not null check (source in ('AUTHORIZATION', 'COMMUNITY', 'TRANSPORT', 'STAFF_TIME')),
    source_id        uuid not null,
    kind             text not null check (kind in ('COMMITMENT', 'SPEND')),
    line             text not null check (line in ('STAFF_TIME', 'PURCHASED_SERVICES', 'TRANSPORT', 'FLEXIBLE_FUNDS')),
    program_id       uuid,
    patient_id       uuid not null,
    payer            text,
    code             text not null,
    description      text not null,
    booked_on        date not null,
    units            numeric(12, 4) not null check (units >= 0),
    arranged_units   numeric(12, 4) check (arranged_units is null or arranged_units >= 0),
    rate_cents       bigint,
    amount_cents     bigint,
    released         boolean not null default false,
    released_reason  text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index budget_booking_program_day on budget_booking (program_id, booked_on);
create index budget_booking_priced on budget_booking (source, code);

-- what the patient pays for an arranged service (a care-plan intervention): free, a copay, a fee, a sliding scale, or
-- not known yet
create table budget_patient_share (
    intervention_id  uuid primary key,
    patient_id       uuid not null,
    kind             text not null check (kind in ('FREE', 'COPAY', 'FEE', 'SLIDING_SCALE', 'UNKNOWN')),
    amount_cents     bigint check (amount_cents is null or amount_cents between 0 and 100000000),
    per              text check (per is null or per in ('VISIT', 'RIDE', 'SESSION', 'MONTH', 'ONCE')),
    note             text check (note is null or length(note) <= 500),
    version          int not null default 0,
    created_at       timestamptz not null default now(),
    created_by       text not null,
    updated_at       timestamptz not null default now(),
    updated_by       text not null,
    check ((kind in ('FREE', 'UNKNOWN')) = (amount_cents is null)),
    check ((amount_cents is null) = (per is null))
);
create index budget_patient_share_patient on budget_patient_share (patient_id);
