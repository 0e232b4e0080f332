-- A merged record points at the record it was merged into; it stays, voided, with its history.
alter table patient add column merged_into uuid references patient (id);
create index patient_merged_into_idx on patient (merged_into) where merged_into is not null;
