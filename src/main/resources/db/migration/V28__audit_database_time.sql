-- Audit events take the database's clock, not the client's: the application role could otherwise insert an event
-- dated 30 days ago and the sealer would chain it as genuine. For the application role a time sent with the row
-- must be within 5 seconds of the database's clock (else the insert is refused) and is then replaced by it; rows
-- carry the database session that inserted them (login, backend process, client address), which the client cannot
-- choose. The schema owner and superusers (migrations, the bulk population loader, a DBA's repair) are not held
-- to this: they own the table and could disable the trigger anyway.

alter table audit_event alter column occurred_at set default clock_timestamp();
alter table audit_event add column db_session text;

create function audit_stamp() returns trigger language plpgsql as $$
begin
    new.db_session := session_user || ' pid ' || pg_backend_pid()
        || coalesce(' from ' || host(inet_client_addr()), ' local');
    if not (select rolsuper from pg_roles where rolname = current_user)
       and pg_has_role(current_user, '${app_role}', 'MEMBER')
       and current_user::text <> (select relowner::regrole::text from pg_class where oid = tg_relid) then
        if abs(extract(epoch from (new.occurred_at - clock_timestamp()))) > 5 then
            raise exception 'audit events take the database''s time: % is not now', new.occurred_at
                using errcode = 'check_violation';
        end if;
        new.occurred_at := clock_timestamp();
    end if;
    return new;
end $$;

create trigger audit_event_stamp before insert on audit_event
    for each row execute function audit_stamp();
