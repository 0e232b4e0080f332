-- Community resources, part two: what the search and the staff's upkeep of the directory need beyond V47.
-- Delivered referrals per service and per case manager (the search ranks a service up for referrals closed as
-- delivered, most for the case manager who sent them), the module's settings (which ZIP-centroid file is loaded),
-- corrections case managers suggest for an entry, and the index of the directory list page.

create table community_delivered (
    service_id        uuid        not null references community_service (id),
    -- the case manager's username; '*' holds everyone's count
    case_manager      text        not null constraint community_delivered_case_manager_max_100 check (char_length(case_manager) <= 100),
    delivered         integer     not null default 0 check (delivered >= 0),
    last_delivered_at timestamptz not null default now(),
    primary key (service_id, case_manager)
);

create table community_setting (
    key        text primary key constraint community_setting_key_max_100 check (char_length(key) <= 100),
    value      text        not null constraint community_setting_value_max_1000 check (char_length(value) <= 1000),
    updated_at timestamptz not null default now()
);

-- a correction a case manager suggests (they see the service change on the phone); an editor applies it and closes it
create table community_correction (
    id           uuid primary key,
    service_id   uuid        not null references community_service (id),
    suggested_at timestamptz not null default now(),
    suggested_by text        not null,
    text         text        not null constraint community_correction_text_max_2000 check (char_length(text) between 1 and 2000),
    resolved_at  timestamptz,
    resolved_by  text
);
create index community_correction_open_idx on community_correction (service_id) where resolved_at is null;

-- the directory list page: active services by name, paged
create index community_service_list_idx on community_service (lower(name), id) where status = 'ACTIVE';
create index community_service_location_service_idx on community_service_location (service_id);
