-- A referral's clock stops when the referral is decided (accepted, declined or withdrawn): the stop events a clock
-- definition may name gain REFERRAL_DECIDED (the check of V59, replaced).
alter table clock_definition drop constraint clock_definition_stop_event_check;
alter table clock_definition add constraint clock_definition_stop_event_check check (stop_event in ('FIRST_CONTACT',
    'ASSESSMENT_COMPLETED', 'AUTHORIZATION_DECIDED', 'STEP_MET', 'ENROLMENT', 'TASK_DONE', 'REFERRAL_DECIDED'));
