-- The supervisor's home: the open work escalated to them, the latest escalation first, and the calls owed within
-- 2 business days of a discharge, the soonest due first; each read without walking all open tasks.
create index task_escalated_open_idx on task (escalated_at desc)
    where escalated_at is not null and status in ('REQUESTED', 'READY', 'IN_PROGRESS');
create index task_transition_call_open_idx on task (due_at)
    where source like 'transition:%:contact' and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD');
