-- The transitions tracker: each step of a 30-day transition (the interactive contact within 2 business days,
-- medication reconciliation, the face-to-face visit within 7 or 14 days) with when it was met and by what
-- evidence; the TCM evidence a practice bills from (medical decision making entered by a clinician, a readmission
-- inside the period); and clocks that pause while the case is on hold.
alter table care_transition
    add column contact_met_at    timestamptz,
    add column contact_evidence  text check (length(contact_evidence) <= 1000),
    add column contact_attempts  int  not null default 0 check (contact_attempts >= 0),
    add column last_attempt_at   timestamptz,
    add column medrec_met_at     timestamptz,
    add column medrec_evidence   text check (length(medrec_evidence) <= 1000),
    add column visit_booked_for  timestamptz,
    add column visit_appointment uuid,
    add column visit_booking     text check (length(visit_booking) <= 1000),
    add column visit_met_at      timestamptz,
    add column visit_evidence    text check (length(visit_evidence) <= 1000),
    -- a step whose task was only ticked done (no signed reconciliation, no visit recorded as kept): shown as met,
    -- not evidence TCM accepts
    add column medrec_by_task    boolean not null default false,
    add column visit_by_task     boolean not null default false,
    add column mdm               text check (mdm in ('STRAIGHTFORWARD', 'LOW', 'MODERATE', 'HIGH')),
    add column mdm_by            text,
    add column mdm_at            timestamptz,
    add column readmitted_at     timestamptz,
    add column paused_since      timestamptz,
    add column paused_seconds    bigint not null default 0 check (paused_seconds >= 0);

-- The TCM service period is the discharge day and the next 29 days; it was stored as the discharge time plus 30
-- days, a day too long. Each period now ends at the end of its 30th day in the organisation's time zone.
update care_transition ct
set period_ends = (((ct.discharged_at at time zone o.time_zone)::date + 30)::timestamp at time zone o.time_zone)
                  - interval '1 microsecond'
from (select time_zone from organization order by created_at limit 1) o;

-- "My transitions" (a case manager's open periods) and the supervisor's timeliness over a span of discharges.
create index care_transition_case_idx on care_transition (case_id, discharged_at desc);
create index care_transition_discharged_idx on care_transition (discharged_at desc);
create index care_transition_patient_idx on care_transition (patient_id, discharged_at desc);
