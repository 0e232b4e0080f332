-- Community resources, part one: the directory of organisations, their services and locations (the shape of the
-- Open Referral Human Services Data Specification 3.0, kept to what Caremap searches and shows), the need categories
-- each service meets (the social-need codes the assessments record), taxonomy terms (Open Eligibility / 211 where
-- given), languages, weekly hours, service areas, the imports that fed it, and the ZIP-code centroids that place a
-- patient when no geocode is known. A record from an import keeps its source and the source's own id, so that the
-- same file imported twice adds nothing, a changed record updates and a record gone is retired (never deleted).

create extension if not exists cube;
create extension if not exists earthdistance;
create extension if not exists pg_trgm;

create table community_import (
    id           uuid primary key,
    source       text        not null constraint community_import_source_max_200 check (char_length(source) <= 200),
    format       text        not null check (format in ('HSDS_JSON', 'HSDS_CSV', 'DEMO')),
    file_name    text constraint community_import_file_name_max_300 check (char_length(file_name) <= 300),
    started_at   timestamptz not null default now(),
    finished_at  timestamptz,
    imported_by  text        not null,
    status       text        not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    added        integer     not null default 0,
    updated      integer     not null default 0,
    unchanged    integer     not null default 0,
    retired      integer     not null default 0,
    report       jsonb       not null default '[]'::jsonb
);
create index community_import_started_idx on community_import (started_at desc);

create table community_organization (
    id            uuid primary key,
    source        text        not null constraint community_organization_source_max_200 check (char_length(source) <= 200),
    external_id   text constraint community_organization_external_id_max_200 check (char_length(external_id) <= 200),
    name          text        not null constraint community_organization_name_max_300 check (char_length(name) <= 300),
    alternate_name text constraint community_organization_alternate_name_max_300 check (char_length(alternate_name) <= 300),
    description   text constraint community_organization_description_max_4000 check (char_length(description) <= 4000),
    email         text constraint community_organization_email_max_254 check (char_length(email) <= 254),
    website       text constraint community_organization_website_max_500 check (char_length(website) <= 500),
    phone         text constraint community_organization_phone_max_50 check (char_length(phone) <= 50),
    -- where the organisation's answers to referrals go (e-mail for the single-referral link)
    referral_email text constraint community_organization_referral_email_max_254 check (char_length(referral_email) <= 254),
    status        text        not null default 'ACTIVE' check (status in ('ACTIVE', 'RETIRED')),
    content_hash  text,
    verified_at   timestamptz,
    verified_by   text,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    updated_at    timestamptz not null default now(),
    updated_by    text        not null,
    version       integer     not null default 0
);
create unique index community_organization_source_idx on community_organization (source, external_id) where external_id is not null;
create index community_organization_name_idx on community_organization using gin (name gin_trgm_ops);

create table community_location (
    id              uuid primary key,
    organization_id uuid        not null references community_organization (id),
    source          text        not null constraint community_location_source_max_200 check (char_length(source) <= 200),
    external_id     text constraint community_location_external_id_max_200 check (char_length(external_id) <= 200),
    name            text constraint community_location_name_max_300 check (char_length(name) <= 300),
    address_1       text constraint community_location_address_1_max_300 check (char_length(address_1) <= 300),
    address_2       text constraint community_location_address_2_max_300 check (char_length(address_2) <= 300),
    city            text constraint community_location_city_max_100 check (char_length(city) <= 100),
    state           text constraint community_location_state_max_100 check (char_length(state) <= 100),
    postal_code     text constraint community_location_postal_code_max_20 check (char_length(postal_code) <= 20),
    country         text constraint community_location_country_max_2 check (char_length(country) <= 2),
    latitude        double precision check (latitude between -90 and 90),
    longitude       double precision check (longitude between -180 and 180),
    transportation  text constraint community_location_transportation_max_2000 check (char_length(transportation) <= 2000),
    accessibility   text constraint community_location_accessibility_max_2000 check (char_length(accessibility) <= 2000),
    status          text        not null default 'ACTIVE' check (status in ('ACTIVE', 'RETIRED')),
    content_hash    text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    updated_by      text        not null,
    check ((latitude is null) = (longitude is null))
);
create unique index community_location_source_idx on community_location (source, external_id) where external_id is not null;
create index community_location_organization_idx on community_location (organization_id);
-- distance search: a GiST index on the earth point (earthdistance's ll_to_earth), for earth_box prefilters
create index community_location_earth_idx on community_location using gist (ll_to_earth(latitude, longitude))
    where latitude is not null and status = 'ACTIVE';

create table community_service (
    id                      uuid primary key,
    organization_id         uuid        not null references community_organization (id),
    source                  text        not null constraint community_service_source_max_200 check (char_length(source) <= 200),
    external_id             text constraint community_service_external_id_max_200 check (char_length(external_id) <= 200),
    name                    text        not null constraint community_service_name_max_300 check (char_length(name) <= 300),
    alternate_name          text constraint community_service_alternate_name_max_300 check (char_length(alternate_name) <= 300),
    description             text constraint community_service_description_max_8000 check (char_length(description) <= 8000),
    url                     text constraint community_service_url_max_500 check (char_length(url) <= 500),
    email                   text constraint community_service_email_max_254 check (char_length(email) <= 254),
    phone                   text constraint community_service_phone_max_50 check (char_length(phone) <= 50),
    application_process     text constraint community_service_application_process_max_4000 check (char_length(application_process) <= 4000),
    interpretation_services text constraint community_service_interpretation_max_1000 check (char_length(interpretation_services) <= 1000),
    fees_description        text constraint community_service_fees_max_2000 check (char_length(fees_description) <= 2000),
    free                    boolean     not null default false,
    eligibility_description text constraint community_service_eligibility_max_4000 check (char_length(eligibility_description) <= 4000),
    minimum_age             integer check (minimum_age between 0 and 130),
    maximum_age             integer check (maximum_age between 0 and 130),
    -- structured eligibility the search filters on: VETERAN, MEDICAID, MEDICARE, UNINSURED, LOW_INCOME, DISABILITY,
    -- PREGNANT, CAREGIVER, SENIOR, YOUTH, IMMIGRANT ... (codes the community module names)
    eligibility             text[]      not null default '{}' check (cardinality(eligibility) <= 20),
    -- highest household income served, as a percent of the federal poverty guideline (null: no income limit)
    income_limit_fpl_percent integer check (income_limit_fpl_percent between 0 and 1000),
    -- the social-need codes this service meets (food-insecurity, housing-instability, ... as the assessments record)
    needs                   text[]      not null default '{}' check (cardinality(needs) <= 20),
    -- ISO 639-1 codes of the languages the service is given in
    languages               text[]      not null default '{}' check (cardinality(languages) <= 40),
    -- ZIP codes the service covers (empty: its service area is a radius or unknown)
    service_area_zips       text[]      not null default '{}' check (cardinality(service_area_zips) <= 2000),
    service_area_miles      integer check (service_area_miles between 0 and 5000),
    service_area_text       text constraint community_service_area_text_max_2000 check (char_length(service_area_text) <= 2000),
    status                  text        not null default 'ACTIVE' check (status in ('ACTIVE', 'RETIRED')),
    content_hash            text,
    verified_at             timestamptz,
    verified_by             text,
    created_at              timestamptz not null default now(),
    created_by              text        not null,
    updated_at              timestamptz not null default now(),
    updated_by              text        not null,
    version                 integer     not null default 0,
    search                  tsvector generated always as (
        setweight(to_tsvector('english', coalesce(name, '') || ' ' || coalesce(alternate_name, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(eligibility_description, '') || ' ' || coalesce(application_process, '')), 'C')
    ) stored,
    check (minimum_age is null or maximum_age is null or maximum_age >= minimum_age)
);
create unique index community_service_source_idx on community_service (source, external_id) where external_id is not null;
create index community_service_organization_idx on community_service (organization_id);
create index community_service_needs_idx on community_service using gin (needs) where status = 'ACTIVE';
create index community_service_languages_idx on community_service using gin (languages) where status = 'ACTIVE';
create index community_service_search_idx on community_service using gin (search);
create index community_service_name_trgm_idx on community_service using gin (name gin_trgm_ops);
create index community_service_verified_idx on community_service (verified_at) where status = 'ACTIVE';

-- a service given at a location (HSDS service_at_location)
create table community_service_location (
    id           uuid primary key,
    service_id   uuid not null references community_service (id),
    location_id  uuid not null references community_location (id),
    external_id  text constraint community_service_location_external_id_max_200 check (char_length(external_id) <= 200),
    unique (service_id, location_id)
);
create index community_service_location_location_idx on community_service_location (location_id);

-- weekly opening hours (HSDS schedule, weekly rules), per service and, where given, per location
create table community_schedule (
    id           uuid primary key,
    service_id   uuid     not null references community_service (id),
    location_id  uuid references community_location (id),
    weekday      smallint not null check (weekday between 1 and 7), -- ISO: 1 Monday .. 7 Sunday
    opens_at     time     not null,
    closes_at    time     not null,
    description  text constraint community_schedule_description_max_1000 check (char_length(description) <= 1000),
    check (closes_at > opens_at)
);
create index community_schedule_service_idx on community_schedule (service_id, weekday);

-- taxonomy terms a service is tagged with (Open Eligibility, AIRS/211, or the source's own)
create table community_service_taxonomy (
    service_id  uuid not null references community_service (id),
    taxonomy    text not null constraint community_service_taxonomy_taxonomy_max_100 check (char_length(taxonomy) <= 100),
    code        text not null constraint community_service_taxonomy_code_max_100 check (char_length(code) <= 100),
    name        text constraint community_service_taxonomy_name_max_300 check (char_length(name) <= 300),
    primary key (service_id, taxonomy, code)
);

-- what staff changed by hand: who, when, which field, from what to what (imports are reported per import)
create table community_directory_change (
    id           uuid primary key,
    entity       text        not null check (entity in ('ORGANIZATION', 'SERVICE', 'LOCATION')),
    entity_id    uuid        not null,
    changed_at   timestamptz not null default now(),
    changed_by   text        not null,
    summary      text        not null constraint community_directory_change_summary_max_4000 check (char_length(summary) <= 4000)
);
create index community_directory_change_entity_idx on community_directory_change (entity_id, changed_at desc);

-- ZIP code tabulation area centroids, loaded from the data file the community module ships (source and licence in
-- its README section); places a patient or an address given only by ZIP
create table zip_centroid (
    zip        text primary key check (zip ~ '^[0-9]{5}$'),
    latitude   double precision not null check (latitude between -90 and 90),
    longitude  double precision not null check (longitude between -180 and 180),
    city       text,
    state      text
);
