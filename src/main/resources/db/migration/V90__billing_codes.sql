-- Care-management billing (capability 16): the codes' thresholds kept as data, with their source and the year they
-- take effect from. The eligibility engine reads the newest row per code whose effective year is not after the month
-- billed. Minute-based codes: a first unit at first_unit_minutes of the given staff's time, then an add-on unit for
-- each further full add_on_step minutes, at most add_on_cap units (null: no cap stated by the source). TCM rows carry
-- the face-to-face deadline and the least decision-making complexity instead of minutes.
create table billing_code (
    code               text    not null check (code ~ '^[0-9A-Z]{5}$'),
    effective_year     int     not null check (effective_year between 2000 and 2100),
    service            text    not null check (service in ('CCM', 'CCM_COMPLEX', 'PCM', 'TCM', 'BHI')),
    staff              text    check (staff in ('CLINICAL_STAFF', 'PHYSICIAN')),
    first_unit_minutes int     check (first_unit_minutes between 1 and 600),
    add_on_code        text    check (add_on_code ~ '^[0-9A-Z]{5}$'),
    add_on_step        int     check (add_on_step between 1 and 600),
    add_on_cap         int     check (add_on_cap between 1 and 20),
    visit_within_days  int     check (visit_within_days between 1 and 30),
    least_mdm          text    check (least_mdm in ('MODERATE', 'HIGH')),
    source             text    not null check (length(source) between 1 and 1000),
    primary key (code, effective_year),
    check ((service = 'TCM') = (visit_within_days is not null and least_mdm is not null and staff is null)),
    check (service = 'TCM' or (staff is not null and first_unit_minutes is not null)),
    check ((add_on_code is null) = (add_on_step is null)),
    check (add_on_cap is null or add_on_code is not null)
);

insert into billing_code (code, effective_year, service, staff, first_unit_minutes, add_on_code, add_on_step, add_on_cap,
                          visit_within_days, least_mdm, source) values
 ('99490', 2022, 'CCM', 'CLINICAL_STAFF', 20, '99439', 20, 2, null, null,
  'CPT 99490/+99439 as quoted by NGS Medicare CCM article 3451732: first 20 min of clinical staff time, each additional 20 min; at most 2 add-on units a month (40 min = 99490 + 99439; 60 min = 99490 + 2 x 99439)'),
 ('99491', 2022, 'CCM', 'PHYSICIAN', 30, '99437', 30, null, null, null,
  'CPT 99491/+99437, NGS Medicare CCM article 3451732: first 30 min personally by the physician/QHP, each additional 30 min; unit cap not verified'),
 ('99487', 2022, 'CCM_COMPLEX', 'CLINICAL_STAFF', 60, '99489', 30, null, null, null,
  'CPT 99487/+99489, NGS Medicare CCM article 3451732 and CPT text quoted at medicarepaymentandreimbursement.com: first 60 min of clinical staff time with moderate or high complexity MDM and a care plan established or substantially revised; each additional 30 min, not for under 30 extra minutes'),
 ('99426', 2022, 'PCM', 'CLINICAL_STAFF', 30, '99427', 30, null, null, null,
  'CPT 99426/+99427, NGS Medicare PCM article 3451840 and UTHealth care-management series part III: first 30 min of clinical staff time, each additional 30 min; unit cap not verified'),
 ('99424', 2022, 'PCM', 'PHYSICIAN', 30, '99425', 30, null, null, null,
  'CPT 99424/+99425, NGS Medicare PCM article 3451840 and UTHealth care-management series part III: first 30 min personally by the physician/QHP, each additional 30 min; unit cap not verified'),
 ('99496', 2022, 'TCM', null, null, null, null, null, 7, 'HIGH',
  'CPT 99496, UTHealth care-management series part IV: interactive contact within 2 business days of discharge, high complexity MDM, face-to-face visit within 7 calendar days'),
 ('99495', 2022, 'TCM', null, null, null, null, null, 14, 'MODERATE',
  'CPT 99495, UTHealth care-management series part IV: interactive contact within 2 business days of discharge, at least moderate complexity MDM, face-to-face visit within 14 calendar days'),
 ('99484', 2022, 'BHI', 'CLINICAL_STAFF', 20, null, null, null, null, null,
  'CPT 99484 / CMS behavioral health integration services booklet: at least 20 min of clinical staff time a month for general BHI, for programs that enable it (not verified against the booklet''s current edition)');

-- The ICD-10-CM categories Caremap counts as chronic conditions expected to last at least 12 months (a selection of
-- the CMS Chronic Conditions Warehouse categories); a condition whose code starts with a prefix counts. Behavioural
-- ones make a patient eligible for behavioural health integration where a program enables it.
create table billing_chronic_condition (
    code_prefix  text    primary key check (code_prefix ~ '^[A-Z][0-9]{1,2}(\.[0-9A-Z]{1,4})?$'),
    label        text    not null check (length(label) between 1 and 200),
    behavioural  boolean not null default false
);

insert into billing_chronic_condition (code_prefix, label, behavioural) values
 ('E10', 'Type 1 diabetes mellitus', false), ('E11', 'Type 2 diabetes mellitus', false),
 ('E78', 'Hyperlipidemia', false), ('E66', 'Obesity', false),
 ('I10', 'Essential hypertension', false), ('I11', 'Hypertensive heart disease', false),
 ('I12', 'Hypertensive chronic kidney disease', false), ('I13', 'Hypertensive heart and chronic kidney disease', false),
 ('I20', 'Angina pectoris', false), ('I25', 'Chronic ischemic heart disease', false),
 ('I48', 'Atrial fibrillation and flutter', false), ('I50', 'Heart failure', false),
 ('I69', 'Sequelae of cerebrovascular disease', false), ('J44', 'Chronic obstructive pulmonary disease', false),
 ('J45', 'Asthma', false), ('N18', 'Chronic kidney disease', false), ('K70', 'Alcoholic liver disease', false),
 ('K74', 'Fibrosis and cirrhosis of liver', false), ('M05', 'Rheumatoid arthritis with rheumatoid factor', false),
 ('M06', 'Other rheumatoid arthritis', false), ('M15', 'Polyosteoarthritis', false), ('M17', 'Osteoarthritis of knee', false),
 ('M81', 'Osteoporosis', false), ('G20', 'Parkinson disease', false), ('G30', 'Alzheimer disease', false),
 ('G35', 'Multiple sclerosis', false), ('G40', 'Epilepsy', false), ('B20', 'HIV disease', false),
 ('C18', 'Malignant neoplasm of colon', false), ('C34', 'Malignant neoplasm of bronchus and lung', false),
 ('C50', 'Malignant neoplasm of breast', false), ('C61', 'Malignant neoplasm of prostate', false),
 ('F01', 'Vascular dementia', true), ('F03', 'Unspecified dementia', true), ('F20', 'Schizophrenia', true),
 ('F25', 'Schizoaffective disorders', true), ('F31', 'Bipolar disorder', true),
 ('F32', 'Depressive episode', true), ('F33', 'Major depressive disorder, recurrent', true),
 ('F41', 'Other anxiety disorders', true), ('F43.1', 'Post-traumatic stress disorder', true),
 ('F10', 'Alcohol related disorders', true), ('F11', 'Opioid related disorders', true);
