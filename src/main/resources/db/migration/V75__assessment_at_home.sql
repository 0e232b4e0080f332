-- Questionnaires at home (assessment module): an assessment the case manager assigns for the patient to answer
-- themselves in the patient portal (the respondent is then the patient); scored exactly as the staff pages score.
alter table assessment add column at_home boolean not null default false;
-- the portal's list: the patient's open questionnaires to answer at home
create index assessment_at_home_idx on assessment (patient_id) where at_home and status in ('ASSIGNED', 'IN_PROGRESS');
