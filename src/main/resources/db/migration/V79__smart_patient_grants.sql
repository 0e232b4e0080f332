-- SMART patient apps: each patient's approval of an app (the portal account's principal name), how long it lasts,
-- and when it was taken back. The authorization server's own consent row says which scopes; this row says until
-- when, and a taken-back approval stops the app's tokens at once (the FHIR API checks it on every request).
create table oauth_patient_grant (
    principal_name varchar(200) not null check (principal_name like 'portal:%'),
    registered_client_id varchar(100) not null references oauth2_registered_client (id),
    scopes varchar(1000) not null,
    authorized_at timestamptz not null default now(),
    expires_at timestamptz not null,
    last_used_at timestamptz,
    revoked_at timestamptz,
    primary key (principal_name, registered_client_id),
    check (expires_at > authorized_at),
    check (revoked_at is null or revoked_at >= authorized_at)
);
