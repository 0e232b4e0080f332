-- Failed sign-ins per client address in the current window, so that one address cannot try passwords on many
-- accounts (the per-account lockout stops guessing one account; this stops spraying many). Shared by every node.
create table sign_in_throttle (
    address      text        primary key,
    window_start timestamptz not null,
    failures     int         not null
);
