-- Self-reported measures (measure module): readings of blood pressure, weight, glucose, mood and steps that the
-- patient or a proxy enters in the portal or a staff member enters on the chart, kept with who entered them; a
-- reading is never deleted (voided with a reason). The database refuses implausible values, whatever the page did.
create table measure_reading (
    id           uuid primary key,
    patient_id   uuid        not null references patient (id),
    kind         text        not null constraint measure_reading_kind_known
        check (kind in ('BLOOD_PRESSURE', 'WEIGHT', 'GLUCOSE', 'MOOD', 'STEPS')),
    systolic     integer,
    diastolic    integer,
    value        numeric(9, 2),
    unit         text,
    taken_at     timestamptz not null,
    source       text        not null constraint measure_reading_source_known check (source in ('PATIENT', 'PROXY', 'STAFF')),
    entered_by   text        not null,
    entered_by_name text     not null,
    note         text        constraint measure_reading_note_length check (char_length(note) <= 1000),
    out_of_range boolean     not null default false,
    created_at   timestamptz not null default now(),
    created_by   text        not null,
    voided       boolean     not null default false,
    voided_at    timestamptz,
    voided_by    text,
    void_reason  text,
    constraint measure_reading_plausible check (case kind
        when 'BLOOD_PRESSURE' then systolic between 50 and 300 and diastolic between 30 and 200 and diastolic < systolic
                                   and value is null and unit = 'mm[Hg]'
        when 'WEIGHT'  then value between 1 and 500 and unit = 'kg' and systolic is null and diastolic is null
        when 'GLUCOSE' then value between 10 and 1000 and unit = 'mg/dL' and systolic is null and diastolic is null
        when 'MOOD'    then value between 1 and 5 and value = trunc(value) and unit = '{score}' and systolic is null and diastolic is null
        when 'STEPS'   then value between 0 and 100000 and value = trunc(value) and unit = '/d' and systolic is null and diastolic is null
        else false end)
);
-- the patient's readings, latest first (portal, chart tab, FHIR search by patient)
create index measure_reading_patient_idx on measure_reading (patient_id, taken_at desc) where not voided;
-- FHIR searches by date across patients
create index measure_reading_taken_idx on measure_reading (taken_at);

-- The limits a program sets for a measure: a reading below low or above high (for blood pressure: systolic by
-- low/high, diastolic by diastolic_low/diastolic_high) makes a task for the case manager.
create table program_measure_limit (
    program_id     uuid          not null references program (id),
    kind           text          not null constraint program_measure_limit_kind_known
        check (kind in ('BLOOD_PRESSURE', 'WEIGHT', 'GLUCOSE', 'MOOD', 'STEPS')),
    low            numeric(9, 2),
    high           numeric(9, 2),
    diastolic_low  numeric(9, 2),
    diastolic_high numeric(9, 2),
    updated_at     timestamptz   not null default now(),
    updated_by     text          not null,
    primary key (program_id, kind),
    constraint program_measure_limit_order check (low is null or high is null or low < high),
    constraint program_measure_limit_diastolic_order check (diastolic_low is null or diastolic_high is null or diastolic_low < diastolic_high),
    constraint program_measure_limit_diastolic_bp check (kind = 'BLOOD_PRESSURE' or (diastolic_low is null and diastolic_high is null)),
    constraint program_measure_limit_some check (coalesce(low, high, diastolic_low, diastolic_high) is not null)
);
