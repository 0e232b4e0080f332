package org.caremap.referral.fhir;

import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.PatientResources;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralPage;
import org.caremap.referral.ReferralSearch;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.ReferralStatus;
import org.caremap.referral.ReferralView;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Referrals into a program as FHIR ServiceRequest (US Core ServiceRequest), through the referral module's API.
 * <p>
 * Read: status from the referral's (received or being screened: {@code active}; accepted: {@code completed};
 * declined or withdrawn: {@code revoked}), intent always {@code order} (a referral asks the program to act, whether
 * or not it has been screened yet), category SNOMED CT 3457005 Patient referral, {@code code.text} the program's
 * name, the organisation as performer, the referral source as requester (its name as display, and as type Patient
 * for the patient themselves, RelatedPerson for family, Practitioner for a provider, Organization for a payer, a
 * hospital or an outreach list), the time it was received as {@code authoredOn}, priority from its urgency
 * (emergent: stat) and its reason as {@code reasonCode.text}. Search by {@code patient}, {@code status} and
 * {@code _lastUpdated} with {@code _count}/{@code _offset} paging.
 * <p>
 * Create: a system posts a referral; Caremap receives it into the queue as intake would enter it. The client names
 * the patient in {@code subject} ({@code Patient/<id>}) and the program by its name in {@code code.text} (as
 * Caremap writes it; case does not matter); {@code reasonCode} (its text, or a coding's display) says why,
 * {@code priority} how soon ({@code asap} and {@code stat} are emergent), {@code authoredOn} when it was made (default
 * now), {@code requester.display} who referred (its type or reference kind as above; Organization counts as a
 * hospital, no requester as a provider). A request without a subject, or for an unknown patient or program, or one
 * the referral rules refuse (an inactive program, a time in the future) is refused with 4xx and nothing is stored.
 */
@Component
class ServiceRequestResourceProvider implements IResourceProvider {

	static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-servicerequest";
	static final String SNOMED = "http://snomed.info/sct";
	static final Map<String, Set<ReferralStatus>> STATUS_CODES = Map.of("active",
			EnumSet.of(ReferralStatus.RECEIVED, ReferralStatus.SCREENING), "completed", EnumSet.of(ReferralStatus.ACCEPTED),
			"revoked", EnumSet.of(ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN), "draft",
			EnumSet.noneOf(ReferralStatus.class), "on-hold", EnumSet.noneOf(ReferralStatus.class), "entered-in-error",
			EnumSet.noneOf(ReferralStatus.class), "unknown", EnumSet.noneOf(ReferralStatus.class));

	private final Referrals referrals;
	private final Programs programs;
	private final Organizations organizations;
	private final PatientResources patients;

	private final List<org.caremap.referral.ServiceRequestSources> sources;

	ServiceRequestResourceProvider(Referrals referrals, Programs programs, Organizations organizations,
			PatientResources patients, List<org.caremap.referral.ServiceRequestSources> sources) {
		this.sources = List.copyOf(sources);
		this.referrals = referrals;
		this.programs = programs;
		this.organizations = organizations;
		this.patients = patients;
	}

	@Override
	public Class<ServiceRequest> getResourceType() {
		return ServiceRequest.class;
	}

	@Read
	public ServiceRequest read(@IdParam IdType id) {
		ReferralId referral;
		try {
			referral = new ReferralId(UUID.fromString(id.getIdPart()));
		}
		catch (IllegalArgumentException ex) {
			throw new ResourceNotFoundException(new IdType("ServiceRequest", id.getIdPart()));
		}
		List<ReferralPage.Found> found = referrals.search(ReferralSearch.of(referral), 0, 1).referrals();
		if (found.isEmpty()) {
			// a referral of another source (a community referral): it checks access and audits
			for (org.caremap.referral.ServiceRequestSources source : sources) {
				java.util.Optional<ServiceRequest> other = source.read(referral.value());
				if (other.isPresent()) return other.get();
			}
			throw new ResourceNotFoundException(new IdType("ServiceRequest", id.getIdPart()));
		}
		return toFhir(found.get(0), programNames(), organizations.primary().orElse(null));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = ServiceRequest.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = ServiceRequest.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "ServiceRequest:patient", "ServiceRequest:subject" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		ReferralSearch search = ReferralSearch.all().changedBetween(
				lastUpdated == null || lastUpdated.getLowerBoundAsInstant() == null ? null
						: lastUpdated.getLowerBoundAsInstant().toInstant(),
				lastUpdated == null || lastUpdated.getUpperBoundAsInstant() == null ? null
						: lastUpdated.getUpperBoundAsInstant().toInstant());
		if (patient != null) search = search.withPatient(new PatientId(patientParam(patient)));
		if (status != null) {
			Set<ReferralStatus> statuses = EnumSet.noneOf(ReferralStatus.class);
			for (TokenParam token : status.getValuesAsQueryTokens()) {
				Set<ReferralStatus> mapped = STATUS_CODES.get(token.getValue() == null ? "" : token.getValue().toLowerCase(Locale.ROOT));
				if (mapped == null) {
					throw new InvalidRequestException("status '" + token.getValue() + "' is not one of " + STATUS_CODES.keySet() + ".");
				}
				statuses.addAll(mapped);
			}
			if (statuses.isEmpty()) return new SimpleBundleProvider(List.of());
			search = search.withStatuses(statuses);
		}
		int size = count == null ? 20 : Math.min(Math.max(count, 0), 500);
		int from = offset == null ? 0 : Math.max(offset, 0);
		ReferralPage page = referrals.search(search, from, size);
		Map<ProgramId, String> names = programNames();
		OrganizationView organization = organizations.primary().orElse(null);
		List<ServiceRequest> resources = new ArrayList<>();
		page.referrals().forEach(r -> resources.add(toFhir(r, names, organization)));
		// one patient's referrals of other sources (community referrals) follow, with the same paging over both
		List<ServiceRequest> others = new ArrayList<>();
		if (patient != null && status == null && lastUpdated == null) {
			for (org.caremap.referral.ServiceRequestSources source : sources) others.addAll(source.ofPatient(new PatientId(patientParam(patient))));
		}
		int skip = (int) Math.max(0, from - page.total());
		for (int i = skip; i < others.size() && resources.size() < size; i++) resources.add(others.get(i));
		if (FhirPage.wants(include, "ServiceRequest:patient", "ServiceRequest:subject")) {
			patients.resolve(resources.stream().map(ServiceRequest::getSubject).toList());
		}
		return new FhirPage(from, size).bundle(resources, page.total() + others.size());
	}

	@Create
	public MethodOutcome create(@ResourceParam ServiceRequest request) {
		PatientId patient = subject(request);
		ProgramView program = program(request);
		if (request.hasStatus() && request.getStatus() != ServiceRequestStatus.ACTIVE
				&& request.getStatus() != ServiceRequestStatus.DRAFT) {
			throw new UnprocessableEntityException("A new referral is received as active; status "
					+ request.getStatus().toCode() + " cannot be sent.");
		}
		NewReferral referral;
		try {
			referral = new NewReferral(patient, program.id(), source(request.getRequester()),
					request.getRequester().getDisplay(), null, reason(request), urgency(request),
					request.hasAuthoredOn() ? request.getAuthoredOn().toInstant() : null);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("The ServiceRequest is not a complete referral: " + ex.getMessage() + ".");
		}
		ReferralId id;
		try {
			id = referrals.receive(referral);
		}
		catch (NotFoundException ex) {
			throw new UnprocessableEntityException("ServiceRequest.subject: there is no patient "
					+ request.getSubject().getReference() + ".");
		}
		MethodOutcome outcome = new MethodOutcome(new IdType("ServiceRequest", id.toString()), true);
		outcome.setResource(read(new IdType("ServiceRequest", id.toString())));
		return outcome;
	}

	static ServiceRequest toFhir(ReferralPage.Found found, Map<ProgramId, String> programs,
			@Nullable OrganizationView organization) {
		ReferralView r = found.view();
		ServiceRequest s = new ServiceRequest();
		s.setId(r.id().toString());
		s.getMeta().addProfile(PROFILE).setLastUpdated(Date.from(found.lastChanged()));
		s.setStatus(status(r.status()));
		s.setIntent(ServiceRequestIntent.ORDER);
		s.addCategory(new CodeableConcept(new Coding(SNOMED, "3457005", "Patient referral")));
		s.setCode(new CodeableConcept().setText(programs.getOrDefault(r.program(), "Program")));
		s.setSubject(new Reference("Patient/" + r.patient().value()));
		s.setAuthoredOn(Date.from(r.receivedAt()));
		s.setPriority(priority(r.urgency()));
		s.setRequester(new Reference().setType(requesterType(r.source()))
			.setDisplay(r.sourceName() == null ? sourceLabel(r.source()) : r.sourceName()));
		if (organization != null) {
			s.addPerformer(new Reference("Organization/" + organization.id().value()).setDisplay(organization.name()));
		}
		s.addReasonCode(new CodeableConcept().setText(r.reason()));
		if (r.decisionReason() != null) {
			s.addNote().setText(r.status().name().substring(0, 1) + r.status().name().substring(1).toLowerCase(Locale.ROOT)
					+ ": " + r.decisionReason());
		}
		return s;
	}

	static ServiceRequestStatus status(ReferralStatus status) {
		switch (status) {
			case ACCEPTED:
				return ServiceRequestStatus.COMPLETED;
			case DECLINED:
			case WITHDRAWN:
				return ServiceRequestStatus.REVOKED;
			default:
				return ServiceRequestStatus.ACTIVE;
		}
	}

	static ServiceRequestPriority priority(Urgency urgency) {
		switch (urgency) {
			case EMERGENT:
				return ServiceRequestPriority.STAT;
			case URGENT:
				return ServiceRequestPriority.URGENT;
			default:
				return ServiceRequestPriority.ROUTINE;
		}
	}

	private static String requesterType(ReferralSource source) {
		switch (source) {
			case SELF:
				return "Patient";
			case FAMILY:
				return "RelatedPerson";
			case PROVIDER:
				return "Practitioner";
			default:
				return "Organization";
		}
	}

	private static String sourceLabel(ReferralSource source) {
		switch (source) {
			case SELF:
				return "The patient";
			case FAMILY:
				return "Family";
			case PAYER:
				return "Health plan";
			case HOSPITAL:
				return "Hospital";
			case OUTREACH:
				return "Outreach list";
			default:
				return "Provider";
		}
	}

	private Map<ProgramId, String> programNames() {
		Map<ProgramId, String> names = new HashMap<>();
		programs.all().forEach(p -> names.put(p.id(), p.name()));
		return names;
	}

	private static UUID patientParam(ReferenceParam param) {
		if (param.getChain() != null && !param.getChain().isBlank()) {
			throw new InvalidRequestException("Chained searches on patient are not supported.");
		}
		if (param.getResourceType() != null && !param.getResourceType().equals("Patient")) {
			throw new InvalidRequestException("patient refers to a Patient, not a " + param.getResourceType() + ".");
		}
		try {
			return UUID.fromString(param.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidRequestException("patient must be Patient/<id>: '" + param.getValue() + "' is not.");
		}
	}

	private static PatientId subject(ServiceRequest request) {
		if (!request.hasSubject() || !request.getSubject().hasReference()) {
			throw new InvalidRequestException("ServiceRequest.subject is required: the patient referred, as Patient/<id>.");
		}
		org.hl7.fhir.instance.model.api.IIdType subject = request.getSubject().getReferenceElement();
		if (!"Patient".equals(subject.getResourceType())) {
			throw new InvalidRequestException("ServiceRequest.subject must be a Patient, as Patient/<id>.");
		}
		try {
			return new PatientId(UUID.fromString(subject.getIdPart()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new UnprocessableEntityException("ServiceRequest.subject: there is no patient "
					+ request.getSubject().getReference() + ".");
		}
	}

	private ProgramView program(ServiceRequest request) {
		String name = request.hasCode() && request.getCode().hasText() ? request.getCode().getText().trim() : "";
		if (name.isEmpty()) {
			throw new InvalidRequestException("ServiceRequest.code.text is required: the name of the program referred to.");
		}
		return programs.all().stream()
			.filter(p -> p.name().equalsIgnoreCase(name))
			.findFirst()
			.orElseThrow(() -> new UnprocessableEntityException("ServiceRequest.code.text: there is no program named '"
					+ name + "'."));
	}

	private static ReferralSource source(Reference requester) {
		String type = requester.hasType() ? requester.getType()
				: requester.hasReference() ? requester.getReferenceElement().getResourceType() : null;
		if (type == null) return ReferralSource.PROVIDER;
		switch (type) {
			case "Patient":
				return ReferralSource.SELF;
			case "RelatedPerson":
				return ReferralSource.FAMILY;
			case "Organization":
				return ReferralSource.HOSPITAL;
			default:
				return ReferralSource.PROVIDER;
		}
	}

	private static String reason(ServiceRequest request) {
		for (CodeableConcept reason : request.getReasonCode()) {
			if (reason.hasText()) return reason.getText();
			for (Coding coding : reason.getCoding()) {
				if (coding.hasDisplay()) return coding.getDisplay();
			}
		}
		return "";
	}

	private static Urgency urgency(ServiceRequest request) {
		if (!request.hasPriority()) return Urgency.ROUTINE;
		switch (request.getPriority()) {
			case STAT:
			case ASAP:
				return Urgency.EMERGENT;
			case URGENT:
				return Urgency.URGENT;
			default:
				return Urgency.ROUTINE;
		}
	}

}
