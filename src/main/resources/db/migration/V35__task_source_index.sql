-- Work made from an event or a rule is found by its source (a discharge's calls, an assessment's due task, a case's
-- cadence): each listener looks it up before it makes the work, so the lookup must not read the whole table.
create index task_source_idx on task (source) where source is not null;
