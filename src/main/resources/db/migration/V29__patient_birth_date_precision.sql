-- How much of a birth date is known: FHIR allows a year (1950) or a year and month (1950-05). The date column holds
-- its first day; this says how much of it to show and serve back.
alter table patient add column birth_date_precision text not null default 'DAY'
    check (birth_date_precision in ('YEAR', 'MONTH', 'DAY'));
