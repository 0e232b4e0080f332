-- "My community referrals" also lists what the case manager's referrals closed lately (the last 30 days, newest
-- first): served by this index instead of reading every referral of the organisation.
create index community_referral_sender_closed_idx on community_referral (sender_id, closed_at desc)
    where status in ('REJECTED', 'COMPLETED', 'CANCELLED');
