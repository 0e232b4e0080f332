-- A condition on the problem list labelled as a 42 CFR Part 2 record by itself (a diagnosis made in a substance-use
-- program, or received labelled 42CFRPart2 in FHIR meta.security): withheld from readers outside the patient's Part 2
-- programs, as the access module's segmentation decides. A constant default: no table rewrite.
alter table patient_condition add column part2 boolean not null default false;
