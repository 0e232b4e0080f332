package org.caremap.medication.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.fhir.BundleImporter;
import org.caremap.fhir.ImportContext;
import org.caremap.fhir.ImportOutcome;
import org.caremap.medication.AllergyView;
import org.caremap.medication.Medications;
import org.caremap.medication.NewAllergy;
import org.caremap.medication.NewMedication;
import org.caremap.medication.Recorded;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Takes an EHR's medications (its prescriptions as MedicationRequests and its medication list as
 * MedicationStatements) and allergies into the patient's medication list, once: an item the patient already has
 * (same coded drug and start, same coded substance) is found, not added again.
 */
@Component
class MedicationImporter implements BundleImporter {

	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	private final Medications medications;

	MedicationImporter(Medications medications) {
		this.medications = medications;
	}

	@Override
	public Set<String> types() {
		return Set.of("MedicationRequest", "MedicationStatement", "AllergyIntolerance");
	}

	@Override
	public int rank() {
		return 20;
	}

	@Override
	public ImportOutcome take(Resource resource, ImportContext context) {
		if (resource instanceof MedicationRequest request) return request(request, context);
		if (resource instanceof MedicationStatement statement) return statement(statement, context);
		if (resource instanceof AllergyIntolerance allergy) return allergy(allergy, context);
		return ImportOutcome.skipped("not a medication or allergy: " + resource.fhirType());
	}

	private ImportOutcome request(MedicationRequest r, ImportContext context) {
		Optional<UUID> patient = context.patient(r.getSubject());
		if (patient.isEmpty()) return ImportOutcome.skipped("patient not imported");
		Optional<Coding> drug = medication(r.getMedication(), context);
		if (drug.isEmpty()) return ImportOutcome.skipped("medication not coded");
		String status = switch (r.hasStatus() ? r.getStatus().toCode() : "") {
			case "active" -> "active";
			case "on-hold" -> "on-hold";
			case "completed" -> "completed";
			case "stopped", "cancelled" -> "stopped";
			case "entered-in-error" -> "entered-in-error";
			case "draft" -> "intended";
			default -> "unknown";
		};
		Recorded recorded = medications.record(new NewMedication(new PatientId(patient.get()), drug.get().getSystem(),
				drug.get().getCode(), drug.get().getDisplay(), status, instant(r.getAuthoredOn()), null,
				dosage(r.getDosageInstruction()), reasons(r.getReasonCode()), source(r), sourceReference(r)));
		return outcome("MedicationStatement", recorded, patient.get());
	}

	private ImportOutcome statement(MedicationStatement s, ImportContext context) {
		Optional<UUID> patient = context.patient(s.getSubject());
		if (patient.isEmpty()) return ImportOutcome.skipped("patient not imported");
		Optional<Coding> drug = medication(s.getMedication(), context);
		if (drug.isEmpty()) return ImportOutcome.skipped("medication not coded");
		Instant start = null;
		Instant end = null;
		if (s.hasEffectivePeriod()) {
			start = instant(s.getEffectivePeriod().getStart());
			end = instant(s.getEffectivePeriod().getEnd());
		}
		else if (s.hasEffectiveDateTimeType()) {
			start = instant(s.getEffectiveDateTimeType().getValue());
		}
		String status = s.hasStatus() && s.getStatus() != MedicationStatement.MedicationStatementStatus.NULL
				? s.getStatus().toCode() : "unknown";
		Recorded recorded = medications.record(new NewMedication(new PatientId(patient.get()), drug.get().getSystem(),
				drug.get().getCode(), drug.get().getDisplay(), status, start, end, dosage(s.getDosage()),
				reasons(s.getReasonCode()), source(s), sourceReference(s)));
		return outcome("MedicationStatement", recorded, patient.get());
	}

	private ImportOutcome allergy(AllergyIntolerance a, ImportContext context) {
		Optional<UUID> patient = context.patient(a.getPatient());
		if (patient.isEmpty()) return ImportOutcome.skipped("patient not imported");
		Optional<Coding> substance = coding(a.getCode());
		if (substance.isEmpty()) return ImportOutcome.skipped("substance not coded");
		String clinical = code(a.getClinicalStatus());
		String verification = code(a.getVerificationStatus());
		if (clinical != null && !AllergyView.CLINICAL_STATUSES.contains(clinical)) {
			return ImportOutcome.skipped("unknown clinical status " + clinical);
		}
		if (verification != null && !AllergyView.VERIFICATION_STATUSES.contains(verification)) {
			return ImportOutcome.skipped("unknown verification status " + verification);
		}
		List<String> reactions = new ArrayList<>();
		for (AllergyIntolerance.AllergyIntoleranceReactionComponent reaction : a.getReaction()) {
			for (CodeableConcept manifestation : reaction.getManifestation()) {
				String text = text(manifestation);
				if (text != null && !reactions.contains(text)) reactions.add(text);
			}
		}
		Recorded recorded = medications.record(new NewAllergy(new PatientId(patient.get()), substance.get().getSystem(),
				substance.get().getCode(), substance.get().getDisplay(), clinical, verification, a.hasType() ? a.getType().toCode() : null,
				a.hasCategory() ? a.getCategory().get(0).getValueAsString() : null,
				a.hasCriticality() ? a.getCriticality().toCode() : null, instant(a.getRecordedDate()),
				reactions.isEmpty() ? null : String.join("; ", reactions), source(a)));
		return outcome("AllergyIntolerance", recorded, patient.get());
	}

	private static ImportOutcome outcome(String type, Recorded recorded, UUID patient) {
		String reference = type + "/" + recorded.id();
		PatientId about = new PatientId(patient);
		return recorded.created() ? ImportOutcome.created(reference, about) : ImportOutcome.matched(reference, about);
	}

	/** The drug's coding, given inline or by a reference to a Medication of the bundle. */
	private static Optional<Coding> medication(@Nullable Type medication, ImportContext context) {
		if (medication instanceof CodeableConcept concept) return coding(concept);
		if (medication instanceof Reference reference) {
			return context.resource(reference)
				.filter(Medication.class::isInstance)
				.map(Medication.class::cast)
				.flatMap(m -> coding(m.getCode()));
		}
		return Optional.empty();
	}

	/** The RxNorm coding if there is one, else the first coding with a system and a code; named by its text if needed. */
	private static Optional<Coding> coding(CodeableConcept concept) {
		List<Coding> usable = concept.getCoding().stream().filter(c -> c.hasSystem() && c.hasCode()).toList();
		Optional<Coding> chosen = usable.stream().filter(c -> RXNORM.equals(c.getSystem())).findFirst()
			.or(() -> usable.stream().findFirst());
		return chosen.map(c -> {
			String display = c.hasDisplay() ? c.getDisplay() : concept.hasText() ? concept.getText() : c.getCode();
			return new Coding(c.getSystem(), c.getCode(), display);
		});
	}

	private static @Nullable String code(CodeableConcept concept) {
		return concept.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst().orElse(null);
	}

	private static @Nullable String text(CodeableConcept concept) {
		if (concept.hasText()) return concept.getText();
		return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
			.filter(t -> t != null && !t.isBlank()).findFirst().orElse(null);
	}

	private static @Nullable String dosage(List<Dosage> dosages) {
		String text = dosages.stream().filter(Dosage::hasText).map(Dosage::getText).collect(Collectors.joining("; "));
		return text.isBlank() ? null : text;
	}

	private static @Nullable String reasons(List<CodeableConcept> reasons) {
		String text = reasons.stream().map(MedicationImporter::text).filter(t -> t != null)
			.collect(Collectors.joining("; "));
		return text.isBlank() ? null : text;
	}

	private static String source(Resource resource) {
		return resource.getMeta().hasSource() ? resource.getMeta().getSource() : "import";
	}

	/** The sending system's identifier of the item, else its id there. */
	private static @Nullable String sourceReference(Resource resource) {
		org.hl7.fhir.r4.model.Identifier identifier = resource instanceof MedicationRequest r && r.hasIdentifier()
				? r.getIdentifierFirstRep()
				: resource instanceof MedicationStatement s && s.hasIdentifier() ? s.getIdentifierFirstRep() : null;
		if (identifier != null && identifier.hasValue()) {
			return identifier.hasSystem() ? identifier.getSystem() + "|" + identifier.getValue() : identifier.getValue();
		}
		return resource.hasIdElement() && resource.getIdElement().hasIdPart()
				? resource.fhirType() + "/" + resource.getIdElement().getIdPart() : null;
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return date == null ? null : date.toInstant();
	}
}
