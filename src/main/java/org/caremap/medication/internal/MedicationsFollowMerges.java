package org.caremap.medication.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Medications and allergies move with a merged patient record; an item both records held (same code, and for a
 * medication the same start) is kept once, as the survivor had it.
 */
@Component
class MedicationsFollowMerges {

	private final JdbcClient jdbc;

	MedicationsFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		var survivor = merged.survivor().value();
		var other = merged.merged().value();
		jdbc.sql("""
				delete from medication_statement m where m.patient_id = ?
				  and exists (select 1 from medication_statement s where s.patient_id = ? and s.code_system = m.code_system
				              and s.code = m.code and s.effective_start is not distinct from m.effective_start)""")
			.params(other, survivor).update();
		jdbc.sql("""
				delete from allergy_intolerance m where m.patient_id = ?
				  and exists (select 1 from allergy_intolerance s where s.patient_id = ? and s.code_system = m.code_system
				              and s.code = m.code)""")
			.params(other, survivor).update();
		jdbc.sql("""
				delete from medication_fill m where m.patient_id = ?
				  and exists (select 1 from medication_fill s where s.patient_id = ? and s.filled_on = m.filled_on
				              and s.days_supply = m.days_supply
				              and coalesce(s.rxnorm_code, lower(s.drug_name)) = coalesce(m.rxnorm_code, lower(m.drug_name)))""")
			.params(other, survivor).update();
		jdbc.sql("delete from medication_adherence where patient_id = ?").param(other).update();
		for (String table : new String[] { "medication_statement", "allergy_intolerance", "medication_list_item",
				"medication_list_change", "medication_reconciliation", "medication_fill", "medication_cost_barrier",
				"medication_request" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?").params(survivor, other).update();
		}
	}
}
