-- The task module's work of an unanswered community referral: a task type of its own. The existing check is extended in place
-- (its list read from the catalogue), so that types other migrations add are kept.
do $$
declare
    name text;
    def  text;
begin
    select c.conname, pg_get_constraintdef(c.oid) into name, def
    from pg_constraint c
    where c.conrelid = 'task'::regclass and c.contype = 'c' and pg_get_constraintdef(c.oid) like '%''OUTREACH_CALL''%';
    if def is null then
        raise exception 'the check of task types was not found';
    end if;
    if def not like '%''COMMUNITY_REFERRAL_FOLLOW_UP''%' then
        execute format('alter table task drop constraint %I', name);
        execute format('alter table task add constraint %I %s', name,
            replace(def, '''OUTREACH_CALL''::text', '''OUTREACH_CALL''::text, ''COMMUNITY_REFERRAL_FOLLOW_UP''::text'));
    end if;
end $$;
