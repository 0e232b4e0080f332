-- The patient an alert is about, so that the list names them at display time to a reader who may open their record
-- (and to nobody else), and groups repeats about the same patient. Alerts about no patient leave it empty.
alter table notification add column patient_id uuid;
