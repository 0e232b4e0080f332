-- The audit trail's page filters by action and by outcome, newest first: an index for each, so that a filter on a
-- rare action or on denied attempts does not walk the whole trail by time (user, patient and time have theirs, V4).
create index audit_event_action_idx on audit_event (action, occurred_at);
create index audit_event_outcome_idx on audit_event (outcome, occurred_at);
