-- The last authenticator time step accepted for an account: a code, once used, is not taken again (RFC 6238 5.2).
alter table portal_account add column totp_last_step bigint;
