-- Work and alerts given to someone acting for their owner (cover or on call): for whom, to whom, under which
-- arrangement; the owner's "handled while you were away" reads them, the end of the arrangement returns open work.
alter table task add column acting_for uuid;
alter table task add column acting_by uuid;
alter table task add column acting_kind text check (acting_kind is null or acting_kind in ('COVER', 'ON_CALL'));
alter table task add column acting_ref uuid;
alter table task add column acting_returned_at timestamptz;
create index task_acting_for_idx on task (acting_for, created_at desc) where acting_for is not null;
create index task_acting_ref_idx on task (acting_ref) where acting_ref is not null;

alter table notification add column acting_for uuid;
create index notification_acting_for_idx on notification (acting_for, created_at desc) where acting_for is not null;
