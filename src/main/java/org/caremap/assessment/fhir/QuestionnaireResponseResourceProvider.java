package org.caremap.assessment.fhir;

import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Set;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.PatientResources;
import org.caremap.assessment.Answers;
import org.caremap.assessment.AnswersRejected;
import org.caremap.assessment.AssessmentStatus;
import org.caremap.assessment.AssessmentView;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Instrument;
import org.caremap.assessment.Instruments;
import org.caremap.assessment.Respondent;
import org.caremap.assessment.Shown;
import org.caremap.identity.UserAccounts;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Assessments that have answers (completed, in progress, or stopped part way) as FHIR QuestionnaireResponses (US
 * Core QuestionnaireResponse), with the scores Caremap computed: read, search by patient ({@code patient} or
 * {@code subject}), {@code questionnaire}, {@code status} and {@code authored} with {@code _count}/{@code _offset}
 * paging, and create: another system's completed (or in-progress) response is recorded through the assessment API,
 * answering the patient's open assessment of that instrument or a new one, scored with the same flags, tasks and
 * care-plan suggestions as when answered here.
 */
@Component
class QuestionnaireResponseResourceProvider implements IResourceProvider {

	/** Assessments that are responses: those with answers given, not those only assigned. */
	private static final String ANSWERED = """
			(a.status in ('COMPLETED', 'IN_PROGRESS') or (a.status in ('EXPIRED', 'CANCELLED') and a.started_at is not null))""";
	private static final String AUTHORED = "coalesce(a.completed_at, a.updated_at, a.started_at, a.assigned_at)";

	private final Assessments assessments;
	private final Instruments instruments;
	private final PatientRegistry patients;
	private final UserAccounts accounts;
	private final JdbcClient jdbc;
	private final PatientResources patientResources;
	private final QuestionnaireResourceProvider questionnaires;
	private final PatientAccess access;
	private final Segmentation segmentation;
	private final Part2Labels labels;

	QuestionnaireResponseResourceProvider(Assessments assessments, Instruments instruments, PatientRegistry patients,
			UserAccounts accounts, JdbcClient jdbc, PatientResources patientResources,
			QuestionnaireResourceProvider questionnaires, PatientAccess access, Segmentation segmentation, Part2Labels labels) {
		this.segmentation = segmentation;
		this.labels = labels;
		this.access = access;
		this.assessments = assessments;
		this.instruments = instruments;
		this.patients = patients;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.patientResources = patientResources;
		this.questionnaires = questionnaires;
	}

	@Override
	public Class<QuestionnaireResponse> getResourceType() {
		return QuestionnaireResponse.class;
	}

	@Read
	public QuestionnaireResponse read(@IdParam IdType id) {
		return uuid(id.getIdPart()).flatMap(assessments::find).filter(QuestionnaireResponseResourceProvider::answered)
			.map(this::toFhir).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	private static boolean answered(AssessmentView a) {
		return a.status() == AssessmentStatus.COMPLETED || a.status() == AssessmentStatus.IN_PROGRESS
				|| (a.status() != AssessmentStatus.ASSIGNED && a.startedAt() != null);
	}

	/** The response as the reader gets it: labelled when the assessment was made in a 42 CFR Part 2 program. */
	private QuestionnaireResponse toFhir(AssessmentView a) {
		QuestionnaireResponse response = unlabelled(a);
		return a.part2() ? Part2Labels.label(response) : response;
	}

	private QuestionnaireResponse unlabelled(AssessmentView a) {
		Instrument instrument = instruments.version(a.instrumentKey(), a.instrumentSeq()).orElseThrow();
		record Stamps(OffsetDateTime authored, OffsetDateTime updated, @Nullable String by) {
		}
		Stamps stamps = jdbc.sql("select " + AUTHORED + ", coalesce(a.updated_at, a.assigned_at), coalesce(a.completed_by, a.updated_by)"
				+ " from assessment a where a.id = ?")
			.param(a.id())
			.query((rs, n) -> new Stamps(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class),
					rs.getString(3)))
			.single();
		Reference author = stamps.by() == null ? null : accounts.findByUsername(stamps.by())
			.map(u -> new Reference("Practitioner/" + u.id().value()).setDisplay(u.displayName())).orElse(null);
		return QuestionnaireFhir.response(a, instrument, Date.from(stamps.authored().toInstant()),
				Date.from(stamps.updated().toInstant()), author);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = QuestionnaireResponse.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = QuestionnaireResponse.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = QuestionnaireResponse.SP_QUESTIONNAIRE) @Nullable ReferenceParam questionnaire,
			@OptionalParam(name = QuestionnaireResponse.SP_STATUS) @Nullable TokenParam status,
			@OptionalParam(name = QuestionnaireResponse.SP_AUTHORED) @Nullable DateRangeParam authored,
			@IncludeParam(allow = { "QuestionnaireResponse:questionnaire", "QuestionnaireResponse:patient",
					"QuestionnaireResponse:subject" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		StringBuilder where = new StringBuilder(" from assessment a where " + ANSWERED);
		List<Object> params = new ArrayList<>();
		for (ReferenceParam who : new ReferenceParam[] { patient, subject }) {
			if (who == null) continue;
			if (who.getResourceType() != null && !"Patient".equals(who.getResourceType())) {
				throw new InvalidRequestException("The reference must name a Patient: " + who.getValue());
			}
			where.append(" and a.patient_id = ?");
			params.add(uuid(who.getIdPart()).orElse(new UUID(0, 0)));
		}
		if (questionnaire != null) {
			where.append(" and (false");
			for (Instrument i : named(questionnaire.getValue())) {
				where.append(" or (a.instrument_key = ? and a.instrument_seq = ?)");
				params.add(i.key());
				params.add(i.seq());
			}
			where.append(")");
		}
		if (status != null) where.append(statusCondition(status.getValue()));
		if (authored != null) {
			if (authored.getLowerBoundAsInstant() != null) {
				where.append(" and ").append(AUTHORED).append(" >= ?");
				params.add(authored.getLowerBoundAsInstant().toInstant().atOffset(ZoneOffset.UTC));
			}
			if (authored.getUpperBoundAsInstant() != null) {
				where.append(" and ").append(AUTHORED).append(" <= ?");
				params.add(authored.getUpperBoundAsInstant().toInstant().atOffset(ZoneOffset.UTC));
			}
		}
		java.util.Set<PatientId> scope = access.readableScope();
		if (scope != null) {
			// a person's token: only their patients' responses are counted and paged
			where.append(" and a.patient_id = any(?)");
			params.add(scope.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		// 42 CFR Part 2: the responses of the substance-use programs' cases the reader is outside of are left out and
		// counted, for the patient searched, every patient the reader may read, or every patient
		List<PatientId> named = new ArrayList<>();
		for (ReferenceParam who : new ReferenceParam[] { patient, subject }) {
			if (who != null) uuid(who.getIdPart()).map(PatientId::new).ifPresent(named::add);
		}
		// (across every patient: those whose responses were made in a case, the only ones a Part 2 program can hold)
		Map<PatientId, Part2Segment> segments = !named.isEmpty() ? segmentation.part2(named)
				: scope != null ? segmentation.part2(scope)
				: segmentation.part2(jdbc.sql("select distinct a.patient_id" + where + " and a.case_id is not null").params(params)
					.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
		UUID[] withheldCases = segments == null ? new UUID[0]
				: segments.values().stream().flatMap(g -> g.withheldCases().stream()).toArray(UUID[]::new);
		long withheld = 0;
		if (withheldCases.length > 0) {
			List<Object> counted = new ArrayList<>(params);
			counted.add(withheldCases);
			withheld = jdbc.sql("select count(*)" + where + " and a.case_id = any(?)").params(counted).query(Long.class).single();
			where.append(" and (a.case_id is null or not (a.case_id = any(?)))");
			params.add(withheldCases);
		}
		FhirPage page = FhirPage.of(offset, count);
		long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
		List<Object> paged = new ArrayList<>(params);
		paged.add(page.size());
		paged.add(page.from());
		List<UUID> ids = jdbc.sql("select a.id" + where + " order by " + AUTHORED + ", a.id limit ? offset ?").params(paged)
			.query(UUID.class).list();
		List<QuestionnaireResponse> found = new ArrayList<>();
		Map<String, AssessmentView> versions = new LinkedHashMap<>();
		Shown<AssessmentView> shown = assessments.find(ids);
		for (AssessmentView a : shown.rows()) {
			found.add(toFhir(a));
			versions.putIfAbsent(a.instrumentKey() + "|" + a.instrumentSeq(), a);
		}
		// withheld on this page only when the search could not leave them out beforehand
		withheld += shown.withheld();
		total -= shown.withheld();
		if (FhirPage.wants(include, "QuestionnaireResponse:patient", "QuestionnaireResponse:subject")) {
			patientResources.resolve(found.stream().map(QuestionnaireResponse::getSubject).toList());
		}
		List<IBaseResource> entries = new ArrayList<>(found);
		if (FhirPage.wants(include, "QuestionnaireResponse:questionnaire")) {
			// a canonical, not a Reference: the questionnaires join the page marked as included
			for (AssessmentView a : versions.values()) {
				questionnaires.questionnaire(a.instrumentKey(), a.instrumentSeq()).ifPresent(q -> {
					ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(q, BundleEntrySearchModeEnum.INCLUDE);
					entries.add(q);
				});
			}
		}
		OperationOutcome outcome = labels.outcome((int) Math.min(withheld, Integer.MAX_VALUE), shown.notice());
		if (outcome != null) entries.add(outcome);
		return page.bundle(entries, Math.max(total, 0));
	}

	private static String statusCondition(String code) {
		QuestionnaireResponse.QuestionnaireResponseStatus status;
		try {
			status = QuestionnaireResponse.QuestionnaireResponseStatus.fromCode(code);
		}
		catch (org.hl7.fhir.exceptions.FHIRException ex) {
			throw new InvalidRequestException("Unknown QuestionnaireResponse status: " + code);
		}
		switch (status) {
			case COMPLETED:
				return " and a.status = 'COMPLETED'";
			case INPROGRESS:
				return " and a.status = 'IN_PROGRESS'";
			case STOPPED:
				return " and a.status in ('EXPIRED', 'CANCELLED')";
			default:
				return " and false";
		}
	}

	/**
	 * The instrument versions a questionnaire reference names: a canonical url (every version, or the one after
	 * {@code |}), or a Questionnaire id.
	 */
	private List<Instrument> named(@Nullable String reference) {
		if (reference == null || reference.isBlank()) return List.of();
		if (reference.contains("://")) {
			int bar = reference.indexOf('|');
			String url = bar < 0 ? reference : reference.substring(0, bar);
			String version = bar < 0 ? null : reference.substring(bar + 1);
			List<Instrument> out = new ArrayList<>();
			for (Instrument current : instruments.current()) {
				instruments.versions(current.key()).forEach(v -> instruments.version(v.key(), v.seq())
					.filter(i -> QuestionnaireFhir.url(i).equals(url) && (version == null || i.version().equals(version)))
					.ifPresent(out::add));
			}
			return out;
		}
		String id = reference.startsWith("Questionnaire/") ? reference.substring("Questionnaire/".length()) : reference;
		return QuestionnaireFhir.VersionId.parse(id).flatMap(v -> instruments.version(v.key(), v.seq())).map(List::of)
			.orElse(List.of());
	}

	@Create
	public MethodOutcome create(@ResourceParam QuestionnaireResponse response) {
		if (!response.hasQuestionnaire()) throw new UnprocessableEntityException("QuestionnaireResponse.questionnaire is required");
		String reference = response.getQuestionnaire();
		List<Instrument> named = named(reference);
		if (named.isEmpty()) throw new UnprocessableEntityException("There is no Questionnaire " + reference);
		Instrument instrument = named.stream().max(java.util.Comparator.comparingInt(Instrument::seq)).orElseThrow();
		boolean oneVersion = reference.contains("|") || !reference.contains("://");
		boolean complete;
		if (response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED) complete = true;
		else if (response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS) complete = false;
		else throw new UnprocessableEntityException("Only a completed or in-progress QuestionnaireResponse can be recorded");
		PatientId patient = subject(response);
		Answers answers = QuestionnaireFhir.answers(instrument, response);
		UUID id;
		try {
			id = assessments.record(patient, instrument.key(), oneVersion ? instrument.seq() : null, answers,
					respondent(response, patient), complete);
		}
		catch (AnswersRejected ex) {
			throw new UnprocessableEntityException("The answers do not fit " + instrument.title() + ": "
					+ QuestionnaireFhir.describe(ex.problems()));
		}
		MethodOutcome outcome = new MethodOutcome(new IdType("QuestionnaireResponse", id.toString()), true);
		outcome.setResource(read(new IdType("QuestionnaireResponse", id.toString())));
		return outcome;
	}

	private PatientId subject(QuestionnaireResponse response) {
		org.hl7.fhir.instance.model.api.IIdType subject = response.getSubject().getReferenceElement();
		if (!"Patient".equals(subject.getResourceType())) {
			throw new UnprocessableEntityException("QuestionnaireResponse.subject must reference a Patient");
		}
		Optional<PatientId> patient = uuid(subject.getIdPart()).map(PatientId::new);
		if (patient.isEmpty() || patients.details(patient.get()).isEmpty()) {
			throw new UnprocessableEntityException("There is no Patient " + subject.getIdPart());
		}
		return patient.get();
	}

	/** Who answered: the patient, someone close to them, or staff observing. */
	private static @Nullable Respondent respondent(QuestionnaireResponse response, PatientId patient) {
		if (!response.hasSource()) return null;
		org.hl7.fhir.instance.model.api.IIdType source = response.getSource().getReferenceElement();
		if ("Patient".equals(source.getResourceType())) {
			return patient.value().toString().equals(source.getIdPart()) ? Respondent.PATIENT : Respondent.CAREGIVER;
		}
		if ("RelatedPerson".equals(source.getResourceType())) return Respondent.CAREGIVER;
		if ("Practitioner".equals(source.getResourceType()) || "PractitionerRole".equals(source.getResourceType())) {
			return Respondent.STAFF_OBSERVATION;
		}
		return null;
	}

	private static Optional<UUID> uuid(@Nullable String id) {
		if (id == null) return Optional.empty();
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
