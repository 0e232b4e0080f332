-- Staff sign-in: a second factor (an authenticator app, RFC 6238) on local staff accounts. The secret is set when
-- the person confirms a first code; the last time step accepted is kept so that one code is never taken twice.
alter table user_account
    add column totp_secret     text constraint user_account_totp_secret_max_200 check (char_length(totp_secret) <= 200),
    add column totp_last_step  bigint,
    add column totp_enabled_at timestamptz;
