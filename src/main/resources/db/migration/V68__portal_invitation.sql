-- Invitations to the patient portal: an e-mailed link or a printed one-time code, for an INVITED portal account.
-- Only a hash (SHA-256) of the code is kept; a code expires and is used once (used_at set in the same update that
-- checks it is still unused and unexpired).
create table portal_invitation (
    id          uuid primary key,
    account_id  uuid        not null references portal_account (id),
    channel     text        not null check (channel in ('EMAIL', 'PRINTED')),
    code_hash   text        not null unique check (char_length(code_hash) = 64),
    expires_at  timestamptz not null,
    used_at     timestamptz,
    voided_at   timestamptz,
    created_at  timestamptz not null default now(),
    created_by  text        not null check (char_length(created_by) <= 200)
);
create index portal_invitation_account_idx on portal_invitation (account_id);
