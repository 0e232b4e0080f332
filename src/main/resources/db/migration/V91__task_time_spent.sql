-- The time entered once when timed work is completed (care-management billing counts it): the minutes, whose time
-- they were (clinical staff, or the physician/QHP personally) and the kind of work. All three or none.
alter table task
    add column minutes_spent int  check (minutes_spent between 1 and 600),
    add column time_of       text check (time_of in ('CLINICAL_STAFF', 'PHYSICIAN')),
    add column work_kind     text check (work_kind in ('NOTE_WRITING', 'CARE_PLAN_REVISION', 'MEDICATION_RECONCILIATION',
                                                       'COORDINATION_PROVIDERS', 'COORDINATION_COMMUNITY', 'AUTHORIZATION')),
    add constraint task_time_spent_whole check ((minutes_spent is null) = (time_of is null)
                                                and (minutes_spent is null) = (work_kind is null));
