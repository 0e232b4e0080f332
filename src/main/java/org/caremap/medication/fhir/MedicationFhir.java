package org.caremap.medication.fhir;

import java.time.Instant;
import java.util.Date;

import org.caremap.medication.AllergyView;
import org.caremap.medication.MedicationView;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/** The patient's medications as base R4 MedicationStatements and allergies as US Core AllergyIntolerances. */
final class MedicationFhir {

	static final String ALLERGY_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance";
	static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
	static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

	private MedicationFhir() {
	}

	static MedicationStatement toFhir(MedicationView m) {
		MedicationStatement s = new MedicationStatement();
		s.setId(m.id().toString());
		s.getMeta().setLastUpdated(date(m.createdAt()));
		s.setStatus(MedicationStatement.MedicationStatementStatus.fromCode(m.status()));
		s.setMedication(concept(m.codeSystem(), m.code(), m.display()));
		s.setSubject(new Reference("Patient/" + m.patient().value()));
		if (m.effectiveEnd() != null) {
			s.setEffective(new Period().setStart(date(m.effectiveStart())).setEnd(date(m.effectiveEnd())));
		}
		else if (m.effectiveStart() != null) {
			s.setEffective(new DateTimeType(date(m.effectiveStart())));
		}
		s.setDateAssertedElement(new DateTimeType(date(m.createdAt())));
		if (m.dosage() != null) s.addDosage().setText(m.dosage());
		if (m.reason() != null) s.addReasonCode().setText(m.reason());
		return s;
	}

	static AllergyIntolerance toFhir(AllergyView a) {
		AllergyIntolerance r = new AllergyIntolerance();
		r.setId(a.id().toString());
		r.getMeta().addProfile(ALLERGY_PROFILE).setLastUpdated(date(a.createdAt()));
		if (a.clinicalStatus() != null) {
			r.setClinicalStatus(new CodeableConcept().addCoding(new Coding(CLINICAL, a.clinicalStatus(), null)));
		}
		if (a.verificationStatus() != null) {
			r.setVerificationStatus(new CodeableConcept().addCoding(new Coding(VERIFICATION, a.verificationStatus(), null)));
		}
		if (a.type() != null) r.setType(AllergyIntolerance.AllergyIntoleranceType.fromCode(a.type()));
		if (a.category() != null) r.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.fromCode(a.category()));
		if (a.criticality() != null) r.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.fromCode(a.criticality()));
		r.setCode(concept(a.codeSystem(), a.code(), a.display()));
		r.setPatient(new Reference("Patient/" + a.patient().value()));
		r.setRecordedDateElement(new DateTimeType(date(a.recordedAt() != null ? a.recordedAt() : a.createdAt())));
		if (a.reaction() != null) r.addReaction().addManifestation(new CodeableConcept().setText(a.reaction()));
		return r;
	}

	private static CodeableConcept concept(String system, String code, String display) {
		return new CodeableConcept().addCoding(new Coding(system, code, display)).setText(display);
	}

	private static @Nullable Date date(@Nullable Instant instant) {
		return instant == null ? null : Date.from(instant);
	}
}
