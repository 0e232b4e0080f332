package org.caremap.medication.fhir;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.fhir.BundleImporter;
import org.caremap.fhir.ImportContext;
import org.caremap.fhir.ImportOutcome;
import org.caremap.medication.Adherence;
import org.caremap.medication.Recorded;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Pharmacy fills in a batch or transaction bundle (MedicationDispense), once: the same fill (drug, date, days supply)
 * is found rather than added; each fill recomputes the patient's adherence. An incomplete dispense is refused in a
 * batch (and fails a transaction), naming the element.
 */
@Component
class DispenseImporter implements BundleImporter {

	private final Adherence adherence;

	DispenseImporter(Adherence adherence) {
		this.adherence = adherence;
	}

	@Override
	public Set<String> types() {
		return Set.of("MedicationDispense");
	}

	@Override
	public int rank() {
		return 20;
	}

	@Override
	public ImportOutcome take(Resource resource, ImportContext context) {
		if (!(resource instanceof MedicationDispense d)) return ImportOutcome.skipped("not a MedicationDispense");
		Optional<UUID> patient = context.patient(d.getSubject());
		if (patient.isEmpty()) return ImportOutcome.skipped("patient not imported");
		Optional<CodeableConcept> concept = d.hasMedicationCodeableConcept() ? Optional.of(d.getMedicationCodeableConcept())
				: d.hasMedicationReference() ? context.resource((Reference) d.getMedication()).filter(Medication.class::isInstance)
					.map(m -> ((Medication) m).getCode()) : Optional.empty();
		Optional<OrderFhir.Drug> drug = concept.flatMap(OrderFhir::drug);
		if (drug.isEmpty()) return ImportOutcome.refused("MedicationDispense.medication[x] has no drug name");
		Recorded recorded;
		try {
			recorded = adherence.record(OrderFhir.fill(d, new PatientId(patient.get()), drug.get()));
		}
		catch (IllegalArgumentException | DomainException ex) {
			return ImportOutcome.refused(ex.getMessage());
		}
		String reference = "MedicationDispense/" + recorded.id();
		PatientId about = new PatientId(patient.get());
		return recorded.created() ? ImportOutcome.created(reference, about) : ImportOutcome.matched(reference, about);
	}
}
