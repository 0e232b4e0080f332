package org.caremap.medication.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import org.caremap.medication.DischargeOrder;
import org.caremap.medication.FillView;
import org.caremap.medication.MedicationEntry;
import org.caremap.medication.MedicationSource;
import org.caremap.medication.NewFill;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * Discharge orders as US Core MedicationRequests and pharmacy fills as US Core MedicationDispenses, both ways. What
 * a client sends that cannot be a fill or an order is refused with the element named (IllegalArgumentException).
 */
final class OrderFhir {

	static final String REQUEST_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationrequest";
	static final String DISPENSE_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationdispense";
	static final String RXNORM = MedicationImporter.RXNORM;
	static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";

	private OrderFhir() {
	}

	static MedicationRequest toFhir(DischargeOrder o) {
		MedicationRequest r = new MedicationRequest();
		r.setId(o.id().toString());
		r.getMeta().addProfile(REQUEST_PROFILE).setLastUpdated(Date.from(o.createdAt()));
		r.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(o.status()));
		r.setIntent(MedicationRequest.MedicationRequestIntent.fromCode(o.intent()));
		r.addCategory(new CodeableConcept(new Coding(CATEGORY, "discharge", "Discharge")));
		r.setMedication(drug(o.entry().rxnormCode(), o.entry().name()));
		r.setSubject(new Reference("Patient/" + o.patient().value()));
		r.setAuthoredOnElement(new DateTimeType(Date.from(o.authoredOn() != null ? o.authoredOn() : o.createdAt())));
		if (o.entry().prescriber() != null) r.setRequester(new Reference().setDisplay(o.entry().prescriber()));
		else if (!"plan".equals(o.intent()) && !"proposal".equals(o.intent())) {
			r.setRequester(new Reference().setDisplay("Discharging clinician"));
		}
		String text = o.dosageText() != null ? o.dosageText() : o.entry().how();
		if (!text.isBlank()) r.addDosageInstruction().setText(text);
		return r;
	}

	static MedicationDispense toFhir(FillView f) {
		MedicationDispense d = new MedicationDispense();
		d.setId(f.id().toString());
		d.getMeta().addProfile(DISPENSE_PROFILE).setLastUpdated(Date.from(f.createdAt()));
		d.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
		d.setMedication(drug(f.rxnormCode(), f.drugName()));
		d.setSubject(new Reference("Patient/" + f.patient().value()));
		d.setWhenHandedOverElement(new DateTimeType(f.filledOn().toString()));
		d.setDaysSupply(new Quantity().setValue(f.daysSupply()).setUnit("days").setSystem("http://unitsofmeasure.org").setCode("d"));
		if (f.quantity() != null) d.setQuantity(new Quantity().setValue(f.quantity()));
		if (f.pharmacy() != null) d.addPerformer().setActor(new Reference().setDisplay(f.pharmacy()));
		return d;
	}

	private static CodeableConcept drug(@Nullable String rxnorm, String name) {
		CodeableConcept c = new CodeableConcept().setText(name);
		if (rxnorm != null) c.addCoding(new Coding(RXNORM, rxnorm, name));
		return c;
	}

	/** The drug of a sent resource: its RxNorm code (if any) and name. */
	record Drug(@Nullable String rxnorm, String name) {
	}

	static Optional<Drug> drug(CodeableConcept concept) {
		String rxnorm = concept.getCoding().stream().filter(c -> RXNORM.equals(c.getSystem()) && c.hasCode())
			.map(Coding::getCode).findFirst().orElse(null);
		String name = concept.hasText() ? concept.getText()
				: concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst().orElse(null);
		if (name == null || name.isBlank()) return Optional.empty();
		return Optional.of(new Drug(rxnorm != null && rxnorm.matches("[0-9]{1,12}") ? rxnorm : null, name.trim()));
	}

	/** A fill from a dispense for this patient; refused (IllegalArgumentException naming the element) when incomplete. */
	static NewFill fill(MedicationDispense d, PatientId patient, Drug drug) {
		if (!d.hasStatus() || d.getStatus() != MedicationDispense.MedicationDispenseStatus.COMPLETED) {
			throw new IllegalArgumentException("MedicationDispense.status must be completed (a fill handed over)");
		}
		if (!d.hasWhenHandedOver()) throw new IllegalArgumentException("MedicationDispense.whenHandedOver is required");
		if (!d.hasDaysSupply() || d.getDaysSupply().getValue() == null) {
			throw new IllegalArgumentException("MedicationDispense.daysSupply is required (in days)");
		}
		BigDecimal days = d.getDaysSupply().getValue();
		if (days.signum() <= 0 || days.compareTo(BigDecimal.valueOf(365)) > 0 || days.stripTrailingZeros().scale() > 0) {
			throw new IllegalArgumentException("MedicationDispense.daysSupply must be a whole number of days from 1 to 365");
		}
		String handedOver = d.getWhenHandedOverElement().getValueAsString();
		if (handedOver == null || handedOver.length() < 10) {
			throw new IllegalArgumentException("MedicationDispense.whenHandedOver needs the day of the fill");
		}
		LocalDate on;
		try {
			on = LocalDate.parse(handedOver.substring(0, 10));
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new IllegalArgumentException("MedicationDispense.whenHandedOver is not a date");
		}
		if (on.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
			throw new IllegalArgumentException("MedicationDispense.whenHandedOver is in the future");
		}
		BigDecimal quantity = d.hasQuantity() && d.getQuantity().getValue() != null && d.getQuantity().getValue().signum() > 0
				? d.getQuantity().getValue() : null;
		String pharmacy = d.getPerformer().stream().map(p -> p.getActor().getDisplay()).filter(s -> s != null && !s.isBlank())
			.findFirst().orElse(null);
		if (pharmacy != null && pharmacy.length() > 200) pharmacy = pharmacy.substring(0, 200);
		String reference = d.hasIdentifier() && d.getIdentifierFirstRep().hasValue()
				? (d.getIdentifierFirstRep().hasSystem() ? d.getIdentifierFirstRep().getSystem() + "|" : "") + d.getIdentifierFirstRep().getValue()
				: null;
		if (reference != null && reference.length() > 300) reference = reference.substring(0, 300);
		return new NewFill(patient, drug.rxnorm(), drug.name(), on, days.intValueExact(), quantity, pharmacy, "FHIR", reference);
	}

	static MedicationEntry entry(Drug drug, MedicationRequest r) {
		String prescriber = r.hasRequester() && r.getRequester().hasDisplay() ? r.getRequester().getDisplay() : null;
		String dose = null;
		String route = null;
		String frequency = null;
		if (r.hasDosageInstruction()) {
			var di = r.getDosageInstructionFirstRep();
			if (di.hasDoseAndRate() && di.getDoseAndRateFirstRep().hasDoseQuantity()) {
				Quantity q = di.getDoseAndRateFirstRep().getDoseQuantity();
				dose = (q.getValue() == null ? "" : q.getValue().stripTrailingZeros().toPlainString()) + (q.hasUnit() ? " " + q.getUnit() : "");
			}
			if (di.hasRoute()) route = di.getRoute().hasText() ? di.getRoute().getText()
					: di.getRoute().getCodingFirstRep().getDisplay();
			if (di.hasTiming() && di.getTiming().hasCode()) frequency = di.getTiming().getCode().hasText()
					? di.getTiming().getCode().getText() : di.getTiming().getCode().getCodingFirstRep().getDisplay();
			if (dose == null && di.hasText()) dose = di.getText().length() > 120 ? di.getText().substring(0, 120) : di.getText();
		}
		return new MedicationEntry(drug.rxnorm(), drug.name(), dose, route, frequency, prescriber, MedicationSource.DISCHARGE_LIST);
	}

	static @Nullable UUID encounter(MedicationRequest r) {
		if (!r.hasEncounter() || !r.getEncounter().hasReference()) return null;
		var id = r.getEncounter().getReferenceElement();
		if (!"Encounter".equals(id.getResourceType())) {
			throw new IllegalArgumentException("MedicationRequest.encounter must be an Encounter, as Encounter/<id>");
		}
		try {
			return UUID.fromString(id.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException("MedicationRequest.encounter: not an encounter of Caremap");
		}
	}

	static PatientId subject(Reference subject, String element) {
		if (!subject.hasReference() || !"Patient".equals(subject.getReferenceElement().getResourceType())) {
			throw new IllegalArgumentException(element + " is required: the patient, as Patient/<id>");
		}
		try {
			return new PatientId(UUID.fromString(subject.getReferenceElement().getIdPart()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException(element + ": there is no patient " + subject.getReference());
		}
	}
}
