-- The clock instances' indexes, built once after V61 converted the existing cadence and transitions work.
-- One open clock per definition and subject: a start heard twice does not start it twice.
create unique index clock_instance_open_idx on clock_instance (definition_id, subject) where status in ('RUNNING', 'PAUSED');
-- the sweep: running clocks to warn and to breach
create index clock_instance_warn_idx on clock_instance (warn_at) where status = 'RUNNING' and warned_at is null;
create index clock_instance_breach_idx on clock_instance (due_at) where status = 'RUNNING' and breached_at is null;
-- pause, resume and stop by case and by patient
create index clock_instance_case_idx on clock_instance (case_id) where status in ('RUNNING', 'PAUSED');
create index clock_instance_patient_idx on clock_instance (patient_id, started_at desc);
-- the supervisor's clocks at risk, soonest due first, of their programs (read in due order, filtered in the index)
create index clock_instance_risk_idx on clock_instance (due_at, program_id) where status in ('RUNNING', 'PAUSED');
