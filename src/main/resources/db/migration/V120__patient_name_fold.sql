-- FHIR string search on patients' names (issue 24): "a string parameter matches if the field equals or starts
-- with the value", ignoring case and accents. Each name part is kept folded (accents taken off, lower case) in a
-- generated column with byte order ("C"), so that a starts-with search is a range scan of a B-tree:
-- family_fold >= fold(x) and family_fold < fold(x) || U+10FFFF. The typo-tolerant (trigram) search of the pages
-- keeps its own indexes (V13).

-- Latin letters with diacritics (upper and lower case) to their base letter, then lower case; ligatures and
-- letters without a one-letter base are spelled out. Immutable: the same name always folds the same.
create function caremap_name_fold(name text) returns text
    language sql immutable strict parallel safe
as $$
select lower(replace(replace(replace(replace(replace(replace(replace(replace(translate(name,
    'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤŦţťŧÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž',
    'AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssTTTtttUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzz'),
    'ß', 'ss'), 'Æ', 'AE'), 'æ', 'ae'), 'Œ', 'OE'), 'œ', 'oe'), 'Þ', 'TH'), 'þ', 'th'), 'ẞ', 'SS'))
$$;

alter table patient
    add column family_fold text collate "C" generated always as (caremap_name_fold(family_name)) stored,
    add column given_fold  text collate "C" generated always as (caremap_name_fold(given_name)) stored,
    add column middle_fold text collate "C" generated always as (caremap_name_fold(middle_name)) stored;

-- the records a FHIR search sees (not voided, not merged away), in the order it pages them
create index patient_family_fold_idx on patient (family_fold, given_fold, id) where not voided and merged_into is null;
create index patient_given_fold_idx on patient (given_fold, family_fold, id) where not voided and merged_into is null;
create index patient_middle_fold_idx on patient (middle_fold) where not voided and merged_into is null and middle_fold is not null;

-- Patient?identifier=value (any system): the value alone, and the patient it names, from the index
create index patient_identifier_value_patient_idx on patient_identifier (value, patient_id);
