-- A reason Caremap writes itself on a care plan version (the patient's answers in the portal, a goal the patient
-- proposed and the team adopted) is kept as a message key and its arguments, so each reader sees it in their own
-- language; reason keeps the English text for readers of the raw history. Versions stay immutable: earlier rows keep
-- their English reason (no key).
alter table care_plan_version add column reason_key varchar(100);
alter table care_plan_version add column reason_args text[];
