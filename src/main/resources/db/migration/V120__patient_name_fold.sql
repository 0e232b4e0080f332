-- FHIR string search on patients' names (issue 24): "a string parameter matches if the field equals or starts
-- with the value", ignoring case and accents. Each name part is indexed folded (accents taken off, lower case) in
-- byte order ("C"), so that a starts-with search is a range scan of a B-tree:
-- fold(family_name) >= fold(x) and fold(family_name) < fold(x) || U+10FFFF. The typo-tolerant (trigram) search of
-- the pages keeps its own indexes (V13).

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

-- Indexes on the folded names (expressions: adding columns would rewrite the patient table and all its indexes at
-- start, minutes at a million patients), in byte order, over the records a FHIR search sees (not voided, not merged
-- away), in the order it pages them; the names themselves included so that counting matches reads the index only.
create index patient_family_fold_idx on patient
    ((caremap_name_fold(family_name) collate "C"), (caremap_name_fold(given_name) collate "C"), id)
    include (family_name, given_name) where not voided and merged_into is null;
create index patient_given_fold_idx on patient
    ((caremap_name_fold(given_name) collate "C"), (caremap_name_fold(family_name) collate "C"), id)
    include (given_name, family_name) where not voided and merged_into is null;
create index patient_middle_fold_idx on patient ((caremap_name_fold(middle_name) collate "C")) include (middle_name)
    where not voided and merged_into is null and middle_name is not null;

-- Patient?identifier=value (any system): the value alone, and the patient it names, from the index
create index patient_identifier_value_patient_idx on patient_identifier (value, patient_id);
