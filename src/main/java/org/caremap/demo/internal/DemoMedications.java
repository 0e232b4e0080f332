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

	DemoMedications(Medications medications) {
		this.medications = medications;
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
			int allergies = n % 3 == 0 ? 2 : 1;
			for (int k = 0; k < allergies; k++) {
				Allergen a = ALLERGENS.get((n + k) % ALLERGENS.size());
				medications.record(new NewAllergy(p.id(), a.system(), a.code(), a.display(), "active", "confirmed",
						"allergy", a.category(), a.criticality(), at(today.minusDays(900 + n * 13L), zone), a.reaction(), SOURCE));
			}
		}
	}

	private static Instant at(LocalDate day, ZoneId zone) {
		return day.atTime(9, 0).atZone(zone).toInstant();
	}
}
