-- Where an encounter came from: the hospital's ADT feed, or an EHR's records imported as FHIR (history, which
-- starts no transition work).
alter table encounter add column source text not null default 'ADT' check (source in ('ADT', 'IMPORT'));
alter table encounter add column source_reference text;
