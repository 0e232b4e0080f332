-- OAuth 2.0: the clients that may ask Caremap's authorization server for tokens (interface engines, EHRs,
-- analytics, apps), the authorizations it has issued (shared by every node), the consents users gave, and the
-- keys that sign the tokens. Column names are those the authorization server's JDBC stores expect.

create table oauth2_registered_client (
    id varchar(100) primary key,
    client_id varchar(100) not null unique,
    client_id_issued_at timestamptz not null default now(),
    client_secret varchar(200),
    client_secret_expires_at timestamptz,
    client_name varchar(200) not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types varchar(1000) not null,
    redirect_uris varchar(1000),
    post_logout_redirect_uris varchar(1000),
    scopes varchar(1000) not null,
    client_settings varchar(2000) not null,
    token_settings varchar(2000) not null
);

-- who registered a client, and whether it is still allowed to obtain tokens
create table oauth_client_record (
    registered_client_id varchar(100) primary key references oauth2_registered_client (id),
    created_by uuid not null,
    created_at timestamptz not null default now(),
    revoked_by uuid,
    revoked_at timestamptz,
    secret_rotated_at timestamptz,
    description text not null default ''
);

create table oauth2_authorization (
    id varchar(100) primary key,
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorization_grant_type varchar(100) not null,
    authorized_scopes varchar(1000),
    attributes text,
    state varchar(500),
    authorization_code_value text,
    authorization_code_issued_at timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata text,
    access_token_value text,
    access_token_issued_at timestamptz,
    access_token_expires_at timestamptz,
    access_token_metadata text,
    access_token_type varchar(100),
    access_token_scopes varchar(1000),
    oidc_id_token_value text,
    oidc_id_token_issued_at timestamptz,
    oidc_id_token_expires_at timestamptz,
    oidc_id_token_metadata text,
    refresh_token_value text,
    refresh_token_issued_at timestamptz,
    refresh_token_expires_at timestamptz,
    refresh_token_metadata text,
    user_code_value text,
    user_code_issued_at timestamptz,
    user_code_expires_at timestamptz,
    user_code_metadata text,
    device_code_value text,
    device_code_issued_at timestamptz,
    device_code_expires_at timestamptz,
    device_code_metadata text
);
create index oauth2_authorization_expiry on oauth2_authorization (access_token_expires_at);
create index oauth2_authorization_state on oauth2_authorization (state) where state is not null;
create index oauth2_authorization_client on oauth2_authorization (registered_client_id, access_token_issued_at);

create table oauth2_authorization_consent (
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorities varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- the RSA keys that sign access tokens; the newest active one signs, every active one verifies
create table oauth_signing_key (
    kid varchar(64) primary key,
    private_key bytea not null,
    public_key bytea not null,
    created_at timestamptz not null default now(),
    retired_at timestamptz
);
