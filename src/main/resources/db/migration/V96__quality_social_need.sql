-- Social needs found by screening (the assessment module's events): identified on a day, met on a later one.
create table quality_social_need (
    need_id       uuid primary key,
    patient_id    uuid not null,
    identified_on date,
    resolved_on   date
);
create index quality_social_need_patient_idx on quality_social_need (patient_id, identified_on);
