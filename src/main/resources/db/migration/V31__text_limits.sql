-- How long each text people and other systems send may be, kept by the database itself, so that nothing too long
-- is stored whatever path it came by (pages, FHIR, HL7, imports). Forms carry the same or tighter limits and show
-- them next to the field; a refusal here names the field (constraint <table>_<column>_max_<n>). Rows already
-- stored are not re-checked (not valid), so an old record never blocks an upgrade.

alter table allergy_intolerance
    add constraint allergy_intolerance_code_max_64 check (char_length(code) <= 64) not valid,
    add constraint allergy_intolerance_code_system_max_500 check (char_length(code_system) <= 500) not valid,
    add constraint allergy_intolerance_display_max_500 check (char_length(display) <= 500) not valid,
    add constraint allergy_intolerance_reaction_max_2000 check (char_length(reaction) <= 2000) not valid;
alter table assessment
    add constraint assessment_respondent_max_200 check (char_length(respondent) <= 200) not valid,
    add constraint assessment_closed_reason_max_4000 check (char_length(closed_reason) <= 4000) not valid;
alter table assessment_flag
    add constraint assessment_flag_addressed_note_max_4000 check (char_length(addressed_note) <= 4000) not valid;
alter table break_glass
    add constraint break_glass_reason_max_2000 check (char_length(reason) <= 2000) not valid;
alter table care_case
    add constraint care_case_acuity_reason_max_4000 check (char_length(acuity_reason) <= 4000) not valid,
    add constraint care_case_close_reason_max_4000 check (char_length(close_reason) <= 4000) not valid,
    add constraint care_case_consent_by_max_200 check (char_length(consent_by) <= 200) not valid,
    add constraint care_case_hold_reason_max_4000 check (char_length(hold_reason) <= 4000) not valid,
    add constraint care_case_outcome_max_4000 check (char_length(outcome) <= 4000) not valid;
alter table care_plan_agreement
    add constraint care_plan_agreement_note_max_4000 check (char_length(note) <= 4000) not valid,
    add constraint care_plan_agreement_party_name_max_200 check (char_length(party_name) <= 200) not valid,
    add constraint care_plan_agreement_party_relation_max_100 check (char_length(party_relation) <= 100) not valid;
alter table care_plan_version
    add constraint care_plan_version_reason_max_2000 check (char_length(reason) <= 2000) not valid;
alter table case_step
    add constraint case_step_note_max_4000 check (char_length(note) <= 4000) not valid;
alter table case_team_member
    add constraint case_team_member_role_max_100 check (char_length(role) <= 100) not valid;
alter table contact
    add constraint contact_summary_max_10000 check (char_length(summary) <= 10000) not valid,
    add constraint contact_void_reason_max_2000 check (char_length(void_reason) <= 2000) not valid,
    add constraint contact_with_name_max_200 check (char_length(with_name) <= 200) not valid;
alter table discharge_checklist_item
    add constraint discharge_checklist_item_note_max_4000 check (char_length(note) <= 4000) not valid;
alter table encounter
    add constraint encounter_facility_max_200 check (char_length(facility) <= 200) not valid,
    add constraint encounter_location_max_200 check (char_length(location) <= 200) not valid,
    add constraint encounter_visit_number_max_100 check (char_length(visit_number) <= 100) not valid,
    add constraint encounter_source_reference_max_500 check (char_length(source_reference) <= 500) not valid,
    add constraint encounter_disposition_max_200 check (char_length(disposition) <= 200) not valid,
    add constraint encounter_admission_type_max_100 check (char_length(admission_type) <= 100) not valid,
    add constraint encounter_admit_source_max_100 check (char_length(admit_source) <= 100) not valid;
alter table goal_progress
    add constraint goal_progress_note_max_4000 check (char_length(note) <= 4000) not valid;
alter table holiday
    add constraint holiday_name_max_200 check (char_length(name) <= 200) not valid;
alter table medication_statement
    add constraint medication_statement_code_max_64 check (char_length(code) <= 64) not valid,
    add constraint medication_statement_code_system_max_500 check (char_length(code_system) <= 500) not valid,
    add constraint medication_statement_display_max_500 check (char_length(display) <= 500) not valid,
    add constraint medication_statement_dosage_max_2000 check (char_length(dosage) <= 2000) not valid,
    add constraint medication_statement_reason_max_2000 check (char_length(reason) <= 2000) not valid,
    add constraint medication_statement_source_reference_max_500 check (char_length(source_reference) <= 500) not valid;
alter table note_addendum
    add constraint note_addendum_text_max_20000 check (char_length(text) <= 20000) not valid;
alter table organization
    add constraint organization_name_max_200 check (char_length(name) <= 200) not valid;
alter table patient
    add constraint patient_address_line_max_300 check (char_length(address_line) <= 300) not valid,
    add constraint patient_city_max_100 check (char_length(city) <= 100) not valid,
    add constraint patient_email_max_200 check (char_length(email) <= 200) not valid,
    add constraint patient_family_name_max_200 check (char_length(family_name) <= 200) not valid,
    add constraint patient_given_name_max_200 check (char_length(given_name) <= 200) not valid,
    add constraint patient_middle_name_max_200 check (char_length(middle_name) <= 200) not valid,
    add constraint patient_phone_max_40 check (char_length(phone) <= 40) not valid,
    add constraint patient_postal_code_max_20 check (char_length(postal_code) <= 20) not valid,
    add constraint patient_preferred_contact_times_max_200 check (char_length(preferred_contact_times) <= 200) not valid,
    add constraint patient_state_max_60 check (char_length(state) <= 60) not valid,
    add constraint patient_void_reason_max_2000 check (char_length(void_reason) <= 2000) not valid;
alter table patient_condition
    add constraint patient_condition_code_max_64 check (char_length(code) <= 64) not valid,
    add constraint patient_condition_code_system_max_500 check (char_length(code_system) <= 500) not valid,
    add constraint patient_condition_display_max_500 check (char_length(display) <= 500) not valid,
    add constraint patient_condition_void_reason_max_2000 check (char_length(void_reason) <= 2000) not valid;
alter table patient_contact
    add constraint patient_contact_email_max_200 check (char_length(email) <= 200) not valid,
    add constraint patient_contact_name_max_200 check (char_length(name) <= 200) not valid,
    add constraint patient_contact_phone_max_40 check (char_length(phone) <= 40) not valid,
    add constraint patient_contact_relationship_max_100 check (char_length(relationship) <= 100) not valid,
    add constraint patient_contact_void_reason_max_2000 check (char_length(void_reason) <= 2000) not valid;
alter table patient_coverage
    add constraint patient_coverage_group_number_max_100 check (char_length(group_number) <= 100) not valid,
    add constraint patient_coverage_member_id_max_100 check (char_length(member_id) <= 100) not valid,
    add constraint patient_coverage_payer_max_200 check (char_length(payer) <= 200) not valid,
    add constraint patient_coverage_plan_max_200 check (char_length(plan) <= 200) not valid,
    add constraint patient_coverage_void_reason_max_2000 check (char_length(void_reason) <= 2000) not valid;
alter table patient_feedback
    add constraint patient_feedback_description_max_10000 check (char_length(description) <= 10000) not valid,
    add constraint patient_feedback_outcome_max_4000 check (char_length(outcome) <= 4000) not valid;
alter table patient_identifier
    add constraint patient_identifier_assigner_max_200 check (char_length(assigner) <= 200) not valid,
    add constraint patient_identifier_system_max_500 check (char_length(system) <= 500) not valid,
    add constraint patient_identifier_value_max_200 check (char_length(value) <= 200) not valid;
alter table patient_provider
    add constraint patient_provider_void_reason_max_2000 check (char_length(void_reason) <= 2000) not valid;
alter table program
    add constraint program_description_max_4000 check (char_length(description) <= 4000) not valid,
    add constraint program_eligibility_max_4000 check (char_length(eligibility) <= 4000) not valid,
    add constraint program_name_max_200 check (char_length(name) <= 200) not valid;
alter table progress_note
    add constraint progress_note_education_topic_max_500 check (char_length(education_topic) <= 500) not valid,
    add constraint progress_note_emotional_support_max_4000 check (char_length(emotional_support) <= 4000) not valid,
    add constraint progress_note_section_1_max_20000 check (char_length(section_1) <= 20000) not valid,
    add constraint progress_note_section_2_max_20000 check (char_length(section_2) <= 20000) not valid,
    add constraint progress_note_section_3_max_20000 check (char_length(section_3) <= 20000) not valid,
    add constraint progress_note_section_4_max_20000 check (char_length(section_4) <= 20000) not valid;
alter table provider
    add constraint provider_address_max_300 check (char_length(address) <= 300) not valid,
    add constraint provider_name_max_200 check (char_length(name) <= 200) not valid,
    add constraint provider_npi_max_20 check (char_length(npi) <= 20) not valid,
    add constraint provider_phone_max_40 check (char_length(phone) <= 40) not valid,
    add constraint provider_specialty_max_200 check (char_length(specialty) <= 200) not valid;
alter table reassessment_rule
    add constraint reassessment_rule_while_label_max_200 check (char_length(while_label) <= 200) not valid;
alter table referral
    add constraint referral_decision_reason_max_4000 check (char_length(decision_reason) <= 4000) not valid,
    add constraint referral_reason_max_10000 check (char_length(reason) <= 10000) not valid,
    add constraint referral_source_contact_max_200 check (char_length(source_contact) <= 200) not valid,
    add constraint referral_source_name_max_200 check (char_length(source_name) <= 200) not valid;
alter table referral_attachment
    add constraint referral_attachment_filename_max_255 check (char_length(filename) <= 255) not valid,
    add constraint referral_attachment_content_type_max_200 check (char_length(content_type) <= 200) not valid;
alter table referral_step
    add constraint referral_step_note_max_4000 check (char_length(note) <= 4000) not valid;
alter table social_need
    add constraint social_need_resolution_max_4000 check (char_length(resolution) <= 4000) not valid;
alter table task
    add constraint task_description_max_10000 check (char_length(description) <= 10000) not valid,
    add constraint task_outcome_max_4000 check (char_length(outcome) <= 4000) not valid,
    add constraint task_title_max_300 check (char_length(title) <= 300) not valid;
alter table task_step
    add constraint task_step_note_max_4000 check (char_length(note) <= 4000) not valid;
alter table team
    add constraint team_name_max_200 check (char_length(name) <= 200) not valid;
alter table user_account
    add constraint user_account_display_name_max_200 check (char_length(display_name) <= 200) not valid,
    add constraint user_account_email_max_200 check (char_length(email) <= 200) not valid,
    add constraint user_account_username_max_100 check (char_length(username) <= 100) not valid;

-- a care plan version's content (problems, goals, interventions, barriers as JSON): at most 1 MB
alter table care_plan_version add constraint care_plan_version_content_max_1000000
    check (octet_length(content::text) <= 1000000) not valid;
