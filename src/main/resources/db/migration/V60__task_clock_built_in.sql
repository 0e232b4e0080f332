-- The built-in clocks of every existing program: the follow-up cadence (restarted by each contact, the whole interval
-- again after a hold, as before) and the two transitions clocks (the call within 2 business days of discharge, the
-- visit within 14 days, 7 for high complexity; time left kept over a hold, as before). They tell nobody by default:
-- overdue work is escalated through its task, as before. Programs made later get theirs when first needed.
insert into clock_definition (id, program_id, key, name, start_event, stop_event, unit, target, warn_before,
                              pause_on_hold, pause_in_hospital, keep_time_left, notify, built_in, created_by)
select gen_random_uuid(), p.id, b.key, b.name, b.start_event, b.stop_event, b.unit,
       case when b.key = 'follow-up' then p.contact_every_days else b.target end,
       null, true, false, b.keep_time_left, 'NOBODY', true, 'migration'
from program p
cross join (values ('follow-up', 'Follow-up contact', 'ENROLMENT', 'FIRST_CONTACT', 'CALENDAR_DAYS', 30, false),
                   ('tcm-contact', 'Transition call after discharge', 'DISCHARGE', 'STEP_MET', 'BUSINESS_DAYS', 2, true),
                   ('tcm-visit', 'Face-to-face visit after discharge', 'DISCHARGE', 'STEP_MET', 'CALENDAR_DAYS', 14, true))
    as b (key, name, start_event, stop_event, unit, target, keep_time_left)
on conflict (program_id, key) do nothing;
