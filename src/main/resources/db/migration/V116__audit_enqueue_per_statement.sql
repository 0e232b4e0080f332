-- The sealing queue is filled once per insert statement, not once per row: a page's read events arrive as one
-- multi-row insert (and many requests' events as one transaction), and the queue takes them in one statement too.
create function audit_enqueue_rows() returns trigger language plpgsql as $$
begin
    insert into audit_pending (event_id) select id from inserted;
    return null;
end $$;

drop trigger audit_event_enqueue on audit_event;
create trigger audit_event_enqueue after insert on audit_event
    referencing new table as inserted
    for each statement execute function audit_enqueue_rows();

drop function audit_enqueue();
