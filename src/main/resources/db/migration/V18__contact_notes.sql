-- Progress notes in SOAP or DAP structure, with education (teach-back) and emotional support. Signing locks a
-- note: afterwards only addenda are added, and the database itself refuses to change a signed note.
create table progress_note (
    id                uuid primary key,
    patient_id        uuid        not null,
    case_id           uuid,
    format            text        not null check (format in ('SOAP', 'DAP')),
    section_1         text,
    section_2         text,
    section_3         text,
    section_4         text,
    education_topic   text,
    teach_back        text check (teach_back in ('CONFIRMED', 'PARTIAL', 'NOT_UNDERSTOOD', 'NOT_DONE')),
    emotional_support text,
    status            text        not null check (status in ('DRAFT', 'SIGNED')),
    signed_at         timestamptz,
    signed_by         text,
    created_at        timestamptz not null default now(),
    created_by        text        not null,
    updated_at        timestamptz,
    updated_by        text,
    check (status <> 'SIGNED' or (signed_at is not null and signed_by is not null))
);
create index progress_note_patient_idx on progress_note (patient_id, created_at desc);

create table note_addendum (
    id         uuid primary key,
    note_id    uuid        not null references progress_note (id),
    text       text        not null,
    created_at timestamptz not null default now(),
    created_by text        not null
);
create index note_addendum_note_idx on note_addendum (note_id);

create function progress_note_signed_is_final() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'notes are never deleted' using errcode = 'check_violation';
    end if;
    -- a signed note is final; only a merge of duplicate patient records may move it to the surviving record
    if old.status = 'SIGNED'
       and (to_jsonb(new) - 'patient_id' - 'case_id') is distinct from (to_jsonb(old) - 'patient_id' - 'case_id') then
        raise exception 'a signed note cannot be changed; add an addendum' using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger progress_note_final before update or delete on progress_note
    for each row execute function progress_note_signed_is_final();
