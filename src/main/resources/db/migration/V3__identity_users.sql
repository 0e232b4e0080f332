-- User accounts: unique ids, roles, password hashes (Argon2), lockout state kept in the database.
create table user_account (
    id                   uuid primary key,
    organization_id      uuid,
    username             text        not null,
    display_name         text        not null,
    email                text,
    password_hash        text        not null,
    must_change_password boolean     not null default false,
    enabled              boolean     not null default true,
    failed_attempts      int         not null default 0,
    locked_until         timestamptz,
    last_login_at        timestamptz,
    password_changed_at  timestamptz not null default now(),
    created_at           timestamptz not null default now(),
    created_by           text        not null,
    updated_at           timestamptz,
    updated_by           text,
    constraint user_account_username_format check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$')
);
create unique index user_account_username_idx on user_account (username);

create table user_role (
    user_id uuid not null references user_account (id),
    role    text not null check (role in ('ADMIN', 'SUPERVISOR', 'CASE_MANAGER', 'INTAKE', 'CARE_TEAM',
                                          'UTILIZATION_REVIEW')),
    primary key (user_id, role)
);
