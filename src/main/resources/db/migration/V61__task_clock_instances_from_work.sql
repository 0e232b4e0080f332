-- The open work of an existing database becomes clock instances: the open follow-up task of each active case (one per
-- case, the soonest due) and the call and visit clocks of each open transition (met, missed, running or paused as the
-- transition row says; those already past due marked breached, as the sweep would). Set-based, before the instance indexes exist (V62), so it stays fast on a large database.
insert into clock_instance (id, definition_id, program_id, patient_id, case_id, subject, status, target, started_at,
                            due_at, breached_at, created_by)
select gen_random_uuid(), d.id, c.program_id, t.patient_id, c.id, 'case:' || c.id, 'RUNNING', d.target,
       least(t.created_at, t.due_at), t.due_at, case when t.due_at < now() then t.due_at end, 'migration'
from (select distinct on (case_id) case_id, patient_id, created_at, due_at
      from task
      where source like 'cadence:%' and case_id is not null and due_at is not null
        and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')
      order by case_id, due_at) t
join care_case c on c.id = t.case_id and c.status = 'ACTIVE'
join clock_definition d on d.program_id = c.program_id and d.key = 'follow-up';

insert into clock_instance (id, definition_id, program_id, patient_id, case_id, subject, status, target, started_at,
                            due_at, paused_at, left_millis, paused_seconds, stopped_at, stop_reason, breached_at, created_by)
select gen_random_uuid(), d.id, c.program_id, ct.patient_id, c.id, 'encounter:' || ct.encounter_id,
       case when s.met_at is not null then case when s.met_at <= s.due then 'MET' else 'MISSED' end
            when ct.paused_since is not null then 'PAUSED' else 'RUNNING' end,
       case when s.key = 'tcm-visit' and ct.high_complexity then 7 else d.target end,
       ct.discharged_at, s.due,
       case when s.met_at is null then ct.paused_since end,
       case when s.met_at is null and ct.paused_since is not null
            then greatest(0, (extract(epoch from s.due - ct.paused_since) * 1000)::bigint) end,
       ct.paused_seconds, s.met_at,
       case when s.met_at is not null then 'step met' end,
       case when s.due < least(coalesce(s.met_at, now()), coalesce(ct.paused_since, now())) then s.due end, 'migration'
from care_transition ct
join care_case c on c.id = ct.case_id
cross join lateral (values ('tcm-contact', ct.contact_due, ct.contact_met_at),
                           ('tcm-visit', ct.visit_due, ct.visit_met_at)) as s (key, due, met_at)
join clock_definition d on d.program_id = c.program_id and d.key = s.key
where ct.status = 'OPEN';
