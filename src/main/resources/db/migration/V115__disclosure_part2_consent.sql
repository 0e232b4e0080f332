-- A use of a patient's consent to disclose Part 2 records is on record as a disclosure (once a day per consent and
-- recipient).
alter table disclosure drop constraint disclosure_source;
alter table disclosure add constraint disclosure_source
    check (source in ('RECORDED', 'COMMUNITY_REFERRAL', 'ANSWER', 'PART2_CONSENT'));
