package org.caremap.patient.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.PatientResources;
import org.caremap.access.AccessPurpose;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.FhirSearch;
import org.caremap.shared.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The coded conditions of the registry as FHIR Conditions (US Core Condition Problems and Health Concerns: problem
 * list items in ICD-10-CM). Read; search by patient, clinical status, code and last update. A condition labelled
 * 42 CFR Part 2 carries the label in meta.security; it is refused (read) or left out and counted (search) for a reader
 * outside the patient's Part 2 programs.
 */
@Component
class ConditionResourceProvider implements IResourceProvider {

	static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-problems-health-concerns";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final PatientResources patients;
	private final Segmentation segmentation;
	private final Part2Labels labels;

	ConditionResourceProvider(JdbcClient jdbc, PatientAccess access, AuditTrail audit, PatientResources patients,
			Segmentation segmentation, Part2Labels labels) {
		this.segmentation = segmentation;
		this.labels = labels;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.patients = patients;
	}

	@Override
	public Class<Condition> getResourceType() {
		return Condition.class;
	}

	@Read
	public Condition read(@IdParam IdType id) {
		Map<PatientId, Part2Segment> segments = new HashMap<>();
		Optional<Condition> found = FhirSearch.id(id.getIdPart()).flatMap(this::load);
		Condition c = found.orElseThrow(() -> new ResourceNotFoundException(id));
		// a condition labelled 42 CFR Part 2: refused (403) to a reader outside the patient's Part 2 programs
		if (Part2Labels.labelled(c) && segment(segments, c).withholdsLabelled()) throw Part2Labels.withheld("Condition");
		return c;
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Condition.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Condition.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = Condition.SP_CLINICAL_STATUS) @Nullable TokenParam clinicalStatus,
			@OptionalParam(name = Condition.SP_CODE) @Nullable TokenParam code,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "Condition:patient", "Condition:subject" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("patient_condition c").and("not c.voided").readableBy(access.readableScope(), "c.patient_id");
		if (patient != null) search.and("c.patient_id = ?", FhirSearch.patient(patient));
		if (subject != null) search.and("c.patient_id = ?", FhirSearch.patient(subject));
		if (clinicalStatus != null) search.and("c.clinical_status = ?", clinicalStatus.getValue());
		if (code != null) {
			if (code.getSystem() != null && !code.getSystem().isBlank()) search.and("c.code_system = ?", code.getSystem());
			search.and("c.code = ?", code.getValue());
		}
		search.within("coalesce(c.updated_at, c.created_at)", lastUpdated);
		// the conditions labelled 42 CFR Part 2 are left out and counted for a reader outside the patient's Part 2 programs
		Map<PatientId, Part2Segment> segments = new HashMap<>();
		int[] withheld = { 0 };
		boolean[] notice = { false };
		IBundleProvider found = search.page(jdbc, "c.id", "c.patient_id, c.code, c.id", offset, count, id -> load(id).filter(c -> {
			if (!Part2Labels.labelled(c)) return true;
			Part2Segment segment = segment(segments, c);
			if (segment.withholdsLabelled()) withheld[0]++;
			notice[0] |= segment.needsNotice();
			return !segment.withholdsLabelled();
		}));
		List<Condition> conditions = found.getResources(0, Integer.MAX_VALUE).stream().map(Condition.class::cast).toList();
		if (FhirPage.wants(include, "Condition:patient", "Condition:subject")) {
			patients.resolve(conditions.stream().map(Condition::getSubject).toList());
		}
		OperationOutcome outcome = labels.outcome(withheld[0], notice[0]);
		if (outcome == null) return found;
		List<IBaseResource> entries = new ArrayList<>(conditions);
		entries.add(outcome);
		return FhirPage.of(offset, count).bundle(entries, java.util.Objects.requireNonNull(found.size()) - withheld[0]);
	}

	/** The condition, if it exists and its patient's record is open to the caller (refusals are thrown and audited). */
	Optional<Condition> load(UUID id) {
		Optional<Condition> found = jdbc.sql("select * from patient_condition where id = ? and not voided").param(id)
			.query(ConditionResourceProvider::toFhir).optional();
		found.ifPresent(c -> {
			PatientId patient = new PatientId(UUID.fromString(c.getSubject().getReferenceElement().getIdPart()));
			access.require(patient, AccessPurpose.READ);
			audit.record(AuditEntry.read("Condition", id.toString(), patient));
		});
		return found;
	}

	private Part2Segment segment(Map<PatientId, Part2Segment> segments, Condition c) {
		PatientId patient = new PatientId(UUID.fromString(c.getSubject().getReferenceElement().getIdPart()));
		return segments.computeIfAbsent(patient, segmentation::part2);
	}

	private static Condition toFhir(ResultSet rs, int n) throws SQLException {
		Condition c = new Condition();
		if (rs.getBoolean("part2")) Part2Labels.label(c);
		c.setId(rs.getString("id"));
		OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
		OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
		c.getMeta().addProfile(PROFILE).setLastUpdated(Date.from((updated != null ? updated : created).toInstant()));
		c.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-clinical", rs.getString("clinical_status"), null)));
		c.setVerificationStatus(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed")));
		c.addCategory(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")));
		c.setCode(new CodeableConcept().addCoding(new Coding(rs.getString("code_system"), rs.getString("code"),
				rs.getString("display"))).setText(rs.getString("display")));
		c.setSubject(new Reference("Patient/" + rs.getString("patient_id")));
		LocalDate onset = rs.getObject("onset_date", LocalDate.class);
		if (onset != null) c.setOnset(new DateTimeType(onset.toString()));
		c.setRecordedDateElement(new DateTimeType(Date.from(created.toInstant())));
		return c;
	}

}
