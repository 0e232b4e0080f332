package org.caremap.transition.fhir;

import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.caremap.transition.EncounterRecord;
import org.caremap.transition.EncounterView;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * How a hospital stay or visit learnt from the ADT feed reads as US Core Encounter: the visit number as
 * identifier, the HL7 v2 patient class as the v3 encounter class (inpatient, emergency, ambulatory), a type in
 * words (with its SNOMED CT code for stays and emergency visits), admission and discharge as the period, the ward and the hospital, the discharge
 * disposition, and the diagnoses the hospital sent as reasons.
 */
final class EncounterMapping {

	static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-encounter";
	static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
	static final String NULL_FLAVOR = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
	static final String SNOMED = "http://snomed.info/sct";
	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition";
	static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

	/** The v3 encounter classes and the HL7 v2 patient classes (PV1-2) each stands for. */
	static final Map<String, Set<String>> CLASSES = Map.of("IMP", Set.of("I", "B"), "EMER", Set.of("E"),
			"AMB", Set.of("O", "R"), "PRENC", Set.of("P"));

	private static final Pattern ICD10 = Pattern.compile("[A-TV-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");

	private EncounterMapping() {
	}

	static Encounter toFhir(EncounterRecord record) {
		EncounterView v = record.encounter();
		Encounter e = new Encounter();
		e.setId(v.id().toString());
		e.getMeta().addProfile(PROFILE).setLastUpdated(Date.from(record.lastChanged()));
		if (v.visitNumber() != null) {
			e.addIdentifier()
				.setSystem("urn:caremap:visit:" + slug(v.facility()))
				.setValue(v.visitNumber())
				.setType(new CodeableConcept().addCoding(new Coding(V2_0203, "VN", "Visit number")));
		}
		e.setStatus(status(v.status()));
		e.setClass_(encounterClass(v.patientClass()));
		e.addType(type(v.patientClass()));
		e.setSubject(new Reference("Patient/" + record.patient()));
		if (v.admittedAt() != null) e.getPeriod().setStart(Date.from(v.admittedAt()));
		if (v.dischargedAt() != null) e.getPeriod().setEnd(Date.from(v.dischargedAt()));
		for (String diagnosis : v.diagnoses()) e.addReasonCode(reason(diagnosis));
		CodeableConcept disposition = disposition(v.disposition());
		if (disposition != null) e.getHospitalization().setDischargeDisposition(disposition);
		if (v.location() != null) e.addLocation().setLocation(new Reference().setDisplay(v.location()));
		e.setServiceProvider(new Reference().setDisplay(v.facility()));
		return e;
	}

	static Encounter.EncounterStatus status(String status) {
		switch (status) {
			case "PLANNED":
				return Encounter.EncounterStatus.PLANNED;
			case "IN_PROGRESS":
				return Encounter.EncounterStatus.INPROGRESS;
			case "FINISHED":
				return Encounter.EncounterStatus.FINISHED;
			case "CANCELLED":
				return Encounter.EncounterStatus.CANCELLED;
			default:
				return Encounter.EncounterStatus.UNKNOWN;
		}
	}

	static Coding encounterClass(String patientClass) {
		String code = actCode(patientClass);
		switch (code) {
			case "IMP":
				return new Coding(ACT_CODE, "IMP", "inpatient encounter");
			case "EMER":
				return new Coding(ACT_CODE, "EMER", "emergency");
			case "AMB":
				return new Coding(ACT_CODE, "AMB", "ambulatory");
			case "PRENC":
				return new Coding(ACT_CODE, "PRENC", "pre-admission");
			default:
				return new Coding(NULL_FLAVOR, "UNK", "unknown");
		}
	}

	private static String actCode(String patientClass) {
		for (Map.Entry<String, Set<String>> c : CLASSES.entrySet()) {
			if (c.getValue().contains(patientClass)) return c.getKey();
		}
		return "UNK";
	}

	static CodeableConcept type(String patientClass) {
		switch (actCode(patientClass)) {
			case "IMP":
				return new CodeableConcept().addCoding(new Coding(SNOMED, "32485007", "Hospital admission"))
					.setText("Inpatient stay");
			case "EMER":
				return new CodeableConcept().addCoding(new Coding(SNOMED, "4525004", "Emergency department patient visit"))
					.setText("Emergency department visit");
			case "AMB":
				return new CodeableConcept().setText("Hospital outpatient visit");
			case "PRENC":
				return new CodeableConcept().setText("Pre-admission");
			default:
				return new CodeableConcept().setText("Hospital encounter");
		}
	}

	private static CodeableConcept reason(String diagnosis) {
		CodeableConcept c = new CodeableConcept().setText(diagnosis);
		if (ICD10.matcher(diagnosis).matches()) c.addCoding().setSystem(ICD10CM).setCode(diagnosis);
		return c;
	}

	/** The HL7 v2 discharge disposition (PV1-36, table 0112) in FHIR's terms, its code kept as text. */
	static @Nullable CodeableConcept disposition(@Nullable String v2) {
		if (v2 == null || v2.isBlank()) return null;
		String[] fhir = switch (v2.strip()) {
			case "01", "06", "08" -> new String[] { "home", "Home" };
			case "02", "04", "05", "61", "66" -> new String[] { "other-hcf", "Other healthcare facility" };
			case "03", "64" -> new String[] { "snf", "Skilled nursing facility" };
			case "07" -> new String[] { "aadvice", "Left against advice" };
			case "20", "40", "41", "42" -> new String[] { "exp", "Expired" };
			case "50", "51" -> new String[] { "hosp", "Hospice" };
			case "62" -> new String[] { "rehab", "Rehabilitation" };
			case "63" -> new String[] { "long", "Long-term care" };
			case "65" -> new String[] { "psy", "Psychiatric hospital" };
			default -> null;
		};
		if (fhir == null) return new CodeableConcept().setText("Discharge disposition " + v2.strip() + " (HL7 v2 table 0112)");
		return new CodeableConcept().addCoding(new Coding(DISPOSITION, fhir[0], fhir[1])).setText(fhir[1]);
	}

	private static String slug(String facility) {
		return facility.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
	}
}
