package org.caremap.transition.fhir;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.BundleImporter;
import org.caremap.fhir.ImportContext;
import org.caremap.fhir.ImportOutcome;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Encounters from an EHR's bundle become the patient's stays and visits (on the timeline, in the stays tab) as
 * history: they start no transition clocks and raise no alerts, which only the live ADT feed does. An encounter
 * with the same visit identifier for the patient is already there.
 */
@Component
class EncounterImporter implements BundleImporter {

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	EncounterImporter(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	public Set<String> types() {
		return Set.of("Encounter");
	}

	@Override
	public int rank() {
		return 20;
	}

	@Override
	public ImportOutcome take(Resource resource, ImportContext context) {
		Encounter e = (Encounter) resource;
		Optional<UUID> patient = context.patient(e.getSubject());
		if (patient.isEmpty()) return ImportOutcome.skipped("patient not imported");
		if (!e.hasPeriod() || !e.getPeriod().hasStart()) return ImportOutcome.skipped("an encounter without a start");
		PatientId patientId = new PatientId(patient.get());
		access.require(patientId, AccessPurpose.WRITE);
		String visit = e.hasIdentifier() && e.getIdentifierFirstRep().hasValue() ? e.getIdentifierFirstRep().getValue()
				: e.getIdElement().getIdPart();
		Optional<UUID> existing = visit == null ? Optional.empty()
				: jdbc.sql("select id from encounter where patient_id = ? and visit_number = ? limit 1")
					.params(patientId.value(), visit).query(UUID.class).optional();
		if (existing.isPresent()) return ImportOutcome.matched("Encounter/" + existing.get(), patientId);
		UUID id = Ids.newId();
		String status = status(e.getStatus());
		jdbc.sql("""
				insert into encounter (id, patient_id, facility, visit_number, patient_class, location, admitted_at, discharged_at,
				                       status, diagnoses, disposition, source, source_reference)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IMPORT', ?)""")
			.params(id, patientId.value(), facility(e, context), visit, patientClass(e.getClass_()), location(e, context),
					e.getPeriod().getStart().toInstant().atOffset(ZoneOffset.UTC),
					e.getPeriod().hasEnd() && status.equals("FINISHED") ? e.getPeriod().getEnd().toInstant().atOffset(ZoneOffset.UTC) : null,
					status, diagnoses(e.getReasonCode()), disposition(e), e.getIdElement().getIdPart())
			.update();
		audit.record(AuditEntry.write("CREATE", "Encounter", id.toString(), patientId));
		return ImportOutcome.created("Encounter/" + id, patientId);
	}

	private static String status(Encounter.@Nullable EncounterStatus status) {
		if (status == null) return "FINISHED";
		switch (status) {
			case PLANNED:
			case ARRIVED:
			case TRIAGED:
				return "PLANNED";
			case INPROGRESS:
			case ONLEAVE:
				return "IN_PROGRESS";
			case CANCELLED:
			case ENTEREDINERROR:
				return "CANCELLED";
			default:
				return "FINISHED";
		}
	}

	/** The HL7 v2 patient class the stays tab and the outreach list read: inpatient, emergency or outpatient. */
	private static String patientClass(Coding cls) {
		String code = cls == null || cls.getCode() == null ? "" : cls.getCode();
		switch (code) {
			case "IMP":
			case "ACUTE":
			case "NONAC":
				return "I";
			case "EMER":
				return "E";
			case "PRENC":
				return "P";
			default:
				return "O";
		}
	}

	private static String facility(Encounter e, ImportContext context) {
		Reference provider = e.getServiceProvider();
		if (provider.hasDisplay()) return provider.getDisplay();
		Optional<Resource> org = context.resource(provider);
		if (org.isPresent() && org.get() instanceof Organization o && o.hasName()) return o.getName();
		return "Imported record";
	}

	private static @Nullable String location(Encounter e, ImportContext context) {
		if (!e.hasLocation()) return null;
		Reference where = e.getLocationFirstRep().getLocation();
		if (where.hasDisplay()) return where.getDisplay();
		return context.resource(where).filter(r -> r instanceof Location).map(r -> ((Location) r).getName()).orElse(null);
	}

	private static String[] diagnoses(List<CodeableConcept> reasons) {
		return reasons.stream().flatMap(r -> r.getCoding().stream()).filter(Coding::hasCode)
			.map(c -> c.getCode() + (c.hasDisplay() ? " " + c.getDisplay() : "")).toArray(String[]::new);
	}

	private static @Nullable String disposition(Encounter e) {
		if (!e.hasHospitalization() || !e.getHospitalization().hasDischargeDisposition()) return null;
		CodeableConcept d = e.getHospitalization().getDischargeDisposition();
		return d.hasCoding() ? d.getCodingFirstRep().getCode() : d.getText();
	}
}
