package org.caremap.measure.fhir;

import java.math.BigDecimal;
import java.util.Date;

import org.caremap.measure.MeasureKind;
import org.caremap.measure.MeasureSource;
import org.caremap.measure.ReadingView;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * A self-reported reading as an Observation: blood pressure (US Core blood pressure, LOINC 85354-9 with the systolic
 * 8480-6 and diastolic 8462-4 components) and body weight (US Core body weight, 29463-7) as vital signs; glucose
 * (2339-0) as a laboratory result (US Core laboratory result); steps (41950-7) as activity; mood, which has no LOINC
 * code of its own, as a survey answer coded in Caremap's own system. The performer says who entered it.
 */
final class MeasureFhir {

	static final String LOINC = "http://loinc.org";
	static final String UCUM = "http://unitsofmeasure.org";
	static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
	static final String MEASURE_SYSTEM = "https://caremap.org/fhir/CodeSystem/self-reported-measure";
	static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";

	private MeasureFhir() {
	}

	static Observation toFhir(ReadingView r) {
		Observation o = new Observation();
		o.setId(r.id().toString());
		o.getMeta().setLastUpdated(Date.from(r.createdAt()));
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.setSubject(new Reference("Patient/" + r.patient().value()));
		o.setEffective(new DateTimeType(Date.from(r.takenAt())));
		o.setIssued(Date.from(r.createdAt()));
		if (r.source() != MeasureSource.STAFF) {
			o.addPerformer(new Reference("Patient/" + r.patient().value()).setDisplay(r.enteredByName()));
		}
		if (r.note() != null) o.addNote().setText(r.note());
		switch (r.kind()) {
			case BLOOD_PRESSURE -> {
				o.getMeta().addProfile(US_CORE + "us-core-blood-pressure");
				category(o, "vital-signs", "Vital Signs");
				o.setCode(loinc("85354-9", "Blood pressure panel with all children optional"));
				o.addComponent().setCode(loinc("8480-6", "Systolic blood pressure"))
					.setValue(quantity(BigDecimal.valueOf(r.systolic() == null ? 0 : r.systolic()), "mmHg", "mm[Hg]"));
				o.addComponent().setCode(loinc("8462-4", "Diastolic blood pressure"))
					.setValue(quantity(BigDecimal.valueOf(r.diastolic() == null ? 0 : r.diastolic()), "mmHg", "mm[Hg]"));
			}
			case WEIGHT -> {
				o.getMeta().addProfile(US_CORE + "us-core-body-weight");
				category(o, "vital-signs", "Vital Signs");
				o.setCode(loinc("29463-7", "Body weight"));
				o.setValue(quantity(r.value(), "kg", "kg"));
			}
			case GLUCOSE -> {
				o.getMeta().addProfile(US_CORE + "us-core-observation-lab");
				category(o, "laboratory", "Laboratory");
				o.setCode(loinc("2339-0", "Glucose [Mass/volume] in Blood"));
				o.setValue(quantity(r.value(), "mg/dL", "mg/dL"));
			}
			case STEPS -> {
				category(o, "activity", "Activity");
				o.setCode(loinc("41950-7", "Number of steps in 24 hour Measured"));
				o.setValue(quantity(r.value(), "steps/day", "/d"));
			}
			case MOOD -> {
				category(o, "survey", "Survey");
				o.setCode(new CodeableConcept().addCoding(new Coding(MEASURE_SYSTEM, "mood", "Mood, self-rated"))
					.setText("Mood, self-rated from 1 (very low) to 5 (very good)"));
				o.setValue(quantity(r.value(), "score", "{score}"));
			}
		}
		return o;
	}

	/** The LOINC code searched for each kind (mood: Caremap's own code). */
	static String code(MeasureKind kind) {
		return kind == MeasureKind.MOOD ? "mood" : kind.loinc();
	}

	/** The Observation category of each kind. */
	static String category(MeasureKind kind) {
		return switch (kind) {
			case BLOOD_PRESSURE, WEIGHT -> "vital-signs";
			case GLUCOSE -> "laboratory";
			case STEPS -> "activity";
			case MOOD -> "survey";
		};
	}

	private static void category(Observation o, String code, String display) {
		o.addCategory(new CodeableConcept().addCoding(new Coding(CATEGORY, code, display)));
	}

	private static CodeableConcept loinc(String code, String display) {
		return new CodeableConcept().addCoding(new Coding(LOINC, code, display)).setText(display);
	}

	private static Quantity quantity(BigDecimal value, String unit, String code) {
		Quantity q = new Quantity();
		q.setValue(value == null ? BigDecimal.ZERO : value.stripTrailingZeros());
		q.setUnit(unit).setSystem(UCUM).setCode(code);
		return q;
	}
}
