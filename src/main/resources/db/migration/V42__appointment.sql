-- Appointments the case manager arranges or learns about: a provider visit, a procedure, a test or a community
-- service, with who, where, when and why, the transport and interpreter it needs, and its status (transitions
-- guarded in SQL by the appointment module). A rescheduled appointment names the one that replaced it. The reminder
-- job sets reminded_at in the statement that picks the appointment, so each reminder goes out once.
create table appointment (
    id                   uuid primary key,
    patient_id           uuid        not null,
    kind                 text        not null check (kind in ('PROVIDER_VISIT', 'PROCEDURE', 'TEST', 'COMMUNITY_SERVICE')),
    status               text        not null check (status in ('PROPOSED', 'BOOKED', 'ARRIVED', 'NO_SHOW', 'CANCELLED',
        'RESCHEDULED')),
    practitioner         text constraint appointment_practitioner_max_200 check (char_length(practitioner) <= 200),
    organisation         text constraint appointment_organisation_max_200 check (char_length(organisation) <= 200),
    place                text constraint appointment_place_max_200 check (char_length(place) <= 200),
    address              text constraint appointment_address_max_500 check (char_length(address) <= 500),
    starts_at            timestamptz not null,
    ends_at              timestamptz not null,
    reason               text constraint appointment_reason_max_2000 check (char_length(reason) <= 2000),
    transport_needed     boolean     not null default false,
    transport_arranged   boolean     not null default false,
    transport_note       text constraint appointment_transport_note_max_1000 check (char_length(transport_note) <= 1000),
    interpreter_needed   boolean     not null default false,
    interpreter_language text constraint appointment_interpreter_language_max_60 check (char_length(interpreter_language) <= 60),
    status_note          text constraint appointment_status_note_max_2000 check (char_length(status_note) <= 2000),
    rescheduled_to       uuid references appointment (id),
    reminded_at          timestamptz,
    source               text        not null default 'caremap' constraint appointment_source_max_60 check (char_length(source) <= 60),
    version              integer     not null default 0,
    voided               boolean     not null default false,
    voided_by            text,
    void_reason          text constraint appointment_void_reason_max_2000 check (char_length(void_reason) <= 2000),
    created_at           timestamptz not null default now(),
    created_by           text        not null,
    updated_at           timestamptz not null default now(),
    updated_by           text        not null,
    check (ends_at > starts_at),
    check (practitioner is not null or organisation is not null),
    check ((status = 'RESCHEDULED') = (rescheduled_to is not null))
);
-- the chart's list (a patient's appointments by time) and My day / FHIR search by patient and date
create index appointment_patient_idx on appointment (patient_id, starts_at);
-- the reminder job: booked appointments not yet reminded, by start
create index appointment_reminder_idx on appointment (starts_at) where status = 'BOOKED' and reminded_at is null;
-- FHIR search by date over every readable patient, and _lastUpdated
create index appointment_updated_idx on appointment (updated_at);
