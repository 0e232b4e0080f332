package org.caremap.demo.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.caremap.organization.Organizations;
import org.caremap.shared.SystemActor;

/**
 * The outreach registries' read model for a bulk-loaded population, derived with set-based SQL from the rows just
 * loaded, as the outreach module's listeners would have written them had the population been recorded through
 * events: the patients and whether a primary care provider is on record, their ICD-10-CM conditions (active or not),
 * completed assessments with a total, ED visits, contacts, cases (open or closed) and the referrals still waiting.
 * Days in the organisation's zone.
 */
final class BulkOutreachFacts {

	private BulkOutreachFacts() {
	}

	static void fill(Connection c, Organizations organizations, Map<String, Long> rows) throws SQLException {
		String zone = SystemActor.call("population", List.of("SYSTEM"), () -> organizations.zone().getId());
		String[][] statements = {
				{ "outreach_patient", """
						insert into outreach_patient (patient_id, has_pcp)
						select p.id, exists (select 1 from patient_provider pp where pp.patient_id = p.id and pp.role = 'PRIMARY_CARE' and not pp.voided)
						from patient p where not p.voided on conflict do nothing""" },
				{ "outreach_condition", """
						insert into outreach_condition (condition_id, patient_id, code, active)
						select id, patient_id, code, clinical_status in ('active', 'recurrence', 'relapse') from patient_condition
						where code_system = 'http://hl7.org/fhir/sid/icd-10-cm' and not voided on conflict do nothing""" },
				{ "outreach_assessment", """
						insert into outreach_assessment (assessment_id, patient_id, instrument_key, total, completed_on)
						select id, patient_id, instrument_key, total, (completed_at at time zone '%1$s')::date from assessment
						where status = 'COMPLETED' and total is not null and completed_at is not null
						on conflict do nothing""".formatted(zone) },
				{ "outreach_ed_visit", """
						insert into outreach_ed_visit (encounter_id, patient_id, arrived_on)
						select id, patient_id, (admitted_at at time zone '%1$s')::date from encounter
						where patient_class = 'E' and status <> 'CANCELLED' and admitted_at is not null on conflict do nothing""".formatted(zone) },
				{ "outreach_contact", """
						insert into outreach_contact (contact_id, patient_id, occurred_on)
						select id, patient_id, (occurred_at at time zone '%1$s')::date from contact on conflict do nothing""".formatted(zone) },
				{ "outreach_case", """
						insert into outreach_case (case_id, patient_id, opened_on, closed_on)
						select id, patient_id, start_date, closed_on from care_case on conflict do nothing""" },
				{ "outreach_referral", """
						insert into outreach_referral (referral_id, patient_id, open)
						select id, patient_id, status in ('RECEIVED', 'SCREENING') from referral on conflict do nothing""" } };
		boolean auto = c.getAutoCommit();
		c.setAutoCommit(false);
		try (Statement st = c.createStatement()) {
			for (String[] statement : statements) rows.put(statement[0], (long) st.executeUpdate(statement[1]));
			c.commit();
		}
		finally {
			c.setAutoCommit(auto);
		}
	}
}
