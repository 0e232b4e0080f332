package org.caremap.demo.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.caremap.medication.Medications;
import org.caremap.medication.NewAllergy;
import org.caremap.medication.NewMedication;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;

/**
 * Demo medication lists and allergies, as the patients' EHR would have sent them: two to four medications that
 * fit each patient's conditions (one stopped earlier for some), and one or two allergies.
 */
@Component
class DemoMedications {

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	private static final String SNOMED = "http://snomed.info/sct";
	private static final String SOURCE = "Riverside Primary Care EHR";

	/** A drug for patients with a condition whose code starts with {@code condition}. */
	private record Drug(String condition, String code, String display, String dosage, String reason) {
	}

	private static final List<Drug> DRUGS = List.of(
			new Drug("I10", "314076", "Lisinopril 10 MG Oral Tablet", "1 tablet by mouth once daily", "Hypertension"),
			new Drug("E11", "861007", "Metformin hydrochloride 500 MG Oral Tablet", "1 tablet by mouth twice daily with meals",
					"Type 2 diabetes"),
			new Drug("I50", "313988", "Furosemide 40 MG Oral Tablet", "1 tablet by mouth every morning", "Heart failure"),
			new Drug("F3", "312940", "Sertraline 50 MG Oral Tablet", "1 tablet by mouth once daily", "Depression"),
			new Drug("J44", "745679", "Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", "2 puffs every 4 to 6 hours as needed",
					"COPD"),
			new Drug("J45", "745679", "Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", "2 puffs every 4 to 6 hours as needed",
					"Asthma"),
			new Drug("I48", "1364445", "Apixaban 5 MG Oral Tablet", "1 tablet by mouth twice daily", "Atrial fibrillation"),
			new Drug("E78", "617310", "Atorvastatin 20 MG Oral Tablet", "1 tablet by mouth at bedtime", "Hyperlipidemia"),
			new Drug("", "243670", "Aspirin 81 MG Oral Tablet", "1 tablet by mouth once daily", "Cardiovascular prevention"));

	private record Allergen(String system, String code, String display, String category, String criticality,
			String reaction) {
	}

	private static final List<Allergen> ALLERGENS = List.of(
			new Allergen(RXNORM, "7980", "Penicillin G", "medication", "high", "Hives; shortness of breath"),
			new Allergen(RXNORM, "10180", "Sulfamethoxazole", "medication", "low", "Rash"),
			new Allergen(SNOMED, "762952008", "Peanut", "food", "high", "Throat swelling"),
			new Allergen(SNOMED, "111088007", "Latex", "environment", "low", "Itching and redness of the skin"));

	private final Medications medications;
	private final org.caremap.medication.MedicationList list;
	private final org.caremap.medication.Reconciliations reconciliations;
	private final org.caremap.medication.DischargeOrders orders;
	private final org.caremap.medication.Adherence adherence;

	DemoMedications(Medications medications, org.caremap.medication.MedicationList list,
			org.caremap.medication.Reconciliations reconciliations, org.caremap.medication.DischargeOrders orders,
			org.caremap.medication.Adherence adherence) {
		this.medications = medications;
		this.list = list;
		this.reconciliations = reconciliations;
		this.orders = orders;
		this.adherence = adherence;
	}

	/** A patient of the demo caseloads with the codes of their conditions. */
	record Patient(PatientId id, List<String> conditions) {
	}

	void create(List<Patient> patients, ZoneId zone) {
		LocalDate today = LocalDate.now(zone);
		for (int n = 0; n < patients.size(); n++) {
			Patient p = patients.get(n);
			List<Drug> chosen = new ArrayList<>();
			for (Drug drug : DRUGS) {
				if (chosen.size() == 4) break;
				boolean fits = drug.condition().isEmpty() || p.conditions().stream().anyMatch(c -> c.startsWith(drug.condition()));
				if (fits && chosen.stream().noneMatch(d -> d.code().equals(drug.code()))) chosen.add(drug);
			}
			for (int k = 0; k < chosen.size(); k++) {
				Drug d = chosen.get(k);
				Instant start = at(today.minusDays(60 + (n * 37L + k * 113L) % 1400), zone);
				medications.record(new NewMedication(p.id(), RXNORM, d.code(), d.display(), "active", start, null, d.dosage(),
						d.reason(), SOURCE, "demo-" + n + "-" + k));
			}
			if (n % 2 == 0) {
				Instant start = at(today.minusDays(400 + n * 11L), zone);
				medications.record(new NewMedication(p.id(), RXNORM, "197361", "Amlodipine 5 MG Oral Tablet", "stopped", start,
						at(today.minusDays(120 + n * 5L), zone), "1 tablet by mouth once daily", "Hypertension", SOURCE,
						"demo-" + n + "-stopped"));
			}
			if (n < 6) kept(p, chosen, n, today);
			int allergies = n % 3 == 0 ? 2 : 1;
			for (int k = 0; k < allergies; k++) {
				Allergen a = ALLERGENS.get((n + k) % ALLERGENS.size());
				medications.record(new NewAllergy(p.id(), a.system(), a.code(), a.display(), "active", "confirmed",
						"allergy", a.category(), a.criticality(), at(today.minusDays(900 + n * 13L), zone), a.reaction(), SOURCE));
			}
		}
	}

	/** "1 tablet by mouth twice daily with meals" as dose, route and how often. */
	private static org.caremap.medication.MedicationEntry entry(Drug d, org.caremap.medication.MedicationSource source) {
		String[] parts = d.dosage().split(" by mouth ", 2);
		boolean oral = parts.length == 2;
		return new org.caremap.medication.MedicationEntry(d.code(), d.display(), oral ? parts[0] : null, oral ? "by mouth" : null,
				oral ? parts[1] : d.dosage(), "Dr. Ellen Park", source);
	}

	/**
	 * The list the case manager keeps for the first patients, their pharmacy fills this year (the second patient
	 * refills late: below 80% of days covered), and for the first one a signed reconciliation after a discharge with
	 * its discrepancies decided; the third has a draft waiting for the discharge list's decisions.
	 */
	private void kept(Patient p, List<Drug> chosen, int n, LocalDate today) {
		for (Drug d : chosen) list.add(p.id(), entry(d, org.caremap.medication.MedicationSource.EHR), "From the primary care EHR");
		LocalDate first = today.withDayOfYear(1).plusDays(3 + n);
		for (int k = 0; k < chosen.size(); k++) {
			Drug d = chosen.get(k);
			if (org.caremap.medication.DrugClass.of(d.display()).isEmpty()) continue;
			// the second patient refills late, each drug in its own way; the others on time (a day or two early)
			int step = n == 1 ? 75 - 12 * k : 30 - (n % 3);
			for (LocalDate on = first; !on.isAfter(today); on = on.plusDays(step)) {
				adherence.record(new org.caremap.medication.NewFill(p.id(), d.code(), d.display(), on, 30, new java.math.BigDecimal("30"),
						n % 2 == 0 ? "Riverside Community Pharmacy" : "Lakeshore Drug", "DEMO", null));
			}
		}
		if (n != 0 && n != 2) return;
		java.util.UUID rec = reconciliations.start(p.id(), null, n == 0 ? "After the discharge from Riverside General"
				: "Discharge list received; to go through with the patient");
		Drug changed = chosen.get(0);
		org.caremap.medication.MedicationEntry higher = new org.caremap.medication.MedicationEntry(changed.code(), changed.display(),
				"2 tablets", "by mouth", entry(changed, org.caremap.medication.MedicationSource.DISCHARGE_LIST).frequency(),
				"Dr. Samuel Okafor", org.caremap.medication.MedicationSource.DISCHARGE_LIST);
		orders.record(p.id(), null, higher, null, "active", "order", Instant.now().minusSeconds(86_400), "demo-discharge-" + n + "-1");
		orders.record(p.id(), null, new org.caremap.medication.MedicationEntry("855332", "Warfarin Sodium 5 MG Oral Tablet", "1 tablet",
				"by mouth", "once daily in the evening", "Dr. Samuel Okafor", org.caremap.medication.MedicationSource.DISCHARGE_LIST),
				null, "active", "order", Instant.now().minusSeconds(86_400), "demo-discharge-" + n + "-2");
		reconciliations.add(rec, org.caremap.medication.Reconciliations.Column.PATIENT,
				entry(changed, org.caremap.medication.MedicationSource.PATIENT_REPORTED));
		reconciliations.add(rec, org.caremap.medication.Reconciliations.Column.PATIENT, new org.caremap.medication.MedicationEntry(
				"310965", "Ibuprofen 200 MG Oral Tablet", "2 tablets", "by mouth", "when needed for pain", null,
				org.caremap.medication.MedicationSource.PATIENT_REPORTED));
		if (n != 0) return;
		var view = reconciliations.find(rec).orElseThrow();
		for (var line : view.lines()) {
			String name = line.name();
			if (name.startsWith("Warfarin")) {
				reconciliations.decide(rec, line.id(), org.caremap.medication.Decision.NEW, "Started in hospital for atrial fibrillation; INR check booked", null);
			}
			else if (name.startsWith("Ibuprofen")) {
				reconciliations.decide(rec, line.id(), org.caremap.medication.Decision.STOP, "Bleeding risk with warfarin; use acetaminophen instead", null);
			}
			else if (name.equals(changed.display())) {
				reconciliations.decide(rec, line.id(), org.caremap.medication.Decision.CHANGE, "Dose raised at discharge; patient still took the old dose",
						new org.caremap.medication.ReconciliationLine.Column("2 tablets", "by mouth", line.discharge() == null ? null : line.discharge().frequency()));
			}
			else if (name.startsWith("Aspirin")) {
				reconciliations.decide(rec, line.id(), org.caremap.medication.Decision.UNCLEAR, "Aspirin with warfarin: asked Dr. Park whether to continue", null);
			}
			else {
				reconciliations.decide(rec, line.id(), org.caremap.medication.Decision.CONTINUE, "Left off the discharge list by mistake; hospitalist confirmed", null);
			}
		}
		reconciliations.sign(rec);
	}

	private static Instant at(LocalDate day, ZoneId zone) {
		return day.atTime(9, 0).atZone(zone).toInstant();
	}
}
