package org.caremap.caseload.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.fhir.FhirPage;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CasePage;
import org.caremap.caseload.CaseSearch;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the case resources (EpisodeOfCare, CareTeam, Consent) share: finding cases through {@link Cases#search}
 * one page at a time, turning search parameters into a {@link CaseSearch}, and the references to the patient,
 * staff, program and organisation that every one of them carries.
 */
@Component
class CaseFhir {

	static final int DEFAULT_PAGE = 20;
	static final int MAX_PAGE = 500;

	private final Cases cases;
	private final Programs programs;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final Segmentation segmentation;
	private final Part2Labels labels;

	CaseFhir(Cases cases, Programs programs, UserAccounts accounts, Organizations organizations,
			Segmentation segmentation, Part2Labels labels) {
		this.cases = cases;
		this.programs = programs;
		this.accounts = accounts;
		this.organizations = organizations;
		this.segmentation = segmentation;
		this.labels = labels;
	}

	/**
	 * The case behind a resource id, or 404 (also for an id that is not a Caremap id); 403 for a case in a Part 2
	 * program the reader is outside of.
	 */
	CasePage.Found one(String resourceType, IdType id, boolean consented) {
		CaseSearch search = CaseSearch.of(caseId(resourceType, id.getIdPart()));
		if (consented) search = search.withConsent();
		List<CasePage.Found> found = cases.search(search, 0, 1).cases();
		if (found.isEmpty()) throw new ResourceNotFoundException(new IdType(resourceType, id.getIdPart()));
		CaseView c = found.get(0).view();
		if (segmentation.part2(c.patient()).withholds(c.id().value())) throw Part2Labels.withheld(resourceType);
		return found.get(0);
	}

	/** The resource of a case, labelled when the case is in a Part 2 program. */
	<R extends Resource> R labelled(CasePage.Found found, R resource) {
		return part2(programs.all(), found.view()) ? Part2Labels.label(resource) : resource;
	}

	private static boolean part2(List<ProgramView> all, CaseView c) {
		return all.stream().anyMatch(p -> p.id().equals(c.program()) && p.confidentiality() == Confidentiality.PART2);
	}

	/** One page of the search as a bundle HAPI links to the previous and next pages. */
	IBundleProvider page(CaseSearch search, @Nullable Integer offset, @Nullable Integer count,
			Function<Context, Function<CasePage.Found, IBaseResource>> toFhir) {
		int size = count == null ? DEFAULT_PAGE : Math.min(Math.max(count, 0), MAX_PAGE);
		int from = offset == null ? 0 : Math.max(offset, 0);
		CasePage page = cases.search(search, from, size);
		// the cases in Part 2 programs the reader is outside of are left out and counted; shown ones carry the label
		Map<PatientId, Part2Segment> segments = segmentation.part2(page.cases().stream().map(f -> f.view().patient()).toList());
		List<ProgramView> all = programs.all();
		List<CasePage.Found> shown = new ArrayList<>();
		int withheld = page.withheld();
		int onPage = 0;
		boolean notice = false;
		for (CasePage.Found found : page.cases()) {
			Part2Segment segment = segments.get(found.view().patient());
			if (segment.withholds(found.view().id().value())) onPage++;
			else {
				shown.add(found);
				notice |= segment.needsNotice() && part2(all, found.view());
			}
		}
		Function<CasePage.Found, IBaseResource> mapper = toFhir.apply(context(shown));
		List<IBaseResource> resources = new ArrayList<>();
		for (CasePage.Found found : shown) {
			IBaseResource resource = mapper.apply(found);
			resources.add(part2(all, found.view()) ? Part2Labels.label((Resource) resource) : resource);
		}
		OperationOutcome outcome = labels.outcome(withheld + onPage, notice);
		if (outcome != null) resources.add(outcome);
		return new FhirPage(from, size).bundle(resources, page.total() - onPage);
	}

	/** The names the resources of these cases show: programs, staff, the organisation. */
	Context context(Collection<CasePage.Found> found) {
		Set<UserId> staff = new HashSet<>();
		for (CasePage.Found f : found) {
			CaseView c = f.view();
			staff.add(c.caseManager());
			c.team().forEach(m -> staff.add(m.user()));
			for (CaseView.Step step : c.history()) {
				if (step.kind().equals("CASE_MANAGER")) {
					userOf(step.from()).ifPresent(staff::add);
					userOf(step.to()).ifPresent(staff::add);
				}
			}
		}
		Map<ProgramId, String> names = new HashMap<>();
		programs.all().forEach(p -> names.put(p.id(), p.name()));
		return new Context(names, accounts.displayNames(staff), organizations.primary().orElse(null));
	}

	static java.util.Optional<UserId> userOf(@Nullable String value) {
		if (value == null) return java.util.Optional.empty();
		try {
			return java.util.Optional.of(new UserId(UUID.fromString(value)));
		}
		catch (IllegalArgumentException ex) {
			return java.util.Optional.empty();
		}
	}

	/** The names a page of case resources refers to. */
	record Context(Map<ProgramId, String> programs, Map<UserId, String> staff, @Nullable OrganizationView organization) {

		String program(ProgramId id) {
			return programs.getOrDefault(id, "Program");
		}

		Reference practitioner(UserId user) {
			return new Reference("Practitioner/" + user).setDisplay(staff.get(user));
		}

		/** The time zone the organisation's days are counted in. */
		java.time.ZoneId zone() {
			return organization == null ? java.time.ZoneOffset.UTC : organization.zone();
		}

		@Nullable Reference organizationReference() {
			return organization == null ? null
					: new Reference("Organization/" + organization.id().value()).setDisplay(organization.name());
		}
	}

	static Reference patient(PatientId patient) {
		return new Reference("Patient/" + patient.value());
	}

	static CaseId caseId(String resourceType, String id) {
		try {
			return new CaseId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new ResourceNotFoundException(new IdType(resourceType, id));
		}
	}

	/** The id of a reference parameter to one resource type ({@code Patient/<id>} or the bare id), or 400. */
	static UUID referenced(ReferenceParam param, String parameter, String resourceType) {
		if (param.getChain() != null && !param.getChain().isBlank()) {
			throw new InvalidRequestException("Chained searches on " + parameter + " are not supported.");
		}
		if (param.getResourceType() != null && !param.getResourceType().equals(resourceType)) {
			throw new InvalidRequestException(parameter + " refers to a " + resourceType + ", not a " + param.getResourceType() + ".");
		}
		try {
			return UUID.fromString(param.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidRequestException(parameter + " must be " + resourceType + "/<id>: '" + param.getValue() + "' is not.");
		}
	}

	/** The case statuses the codes of a status parameter stand for, or 400 for a code of no such status. */
	static Set<CaseStatus> statuses(TokenOrListParam param, String parameter, Map<String, Set<CaseStatus>> codes) {
		Set<CaseStatus> out = java.util.EnumSet.noneOf(CaseStatus.class);
		for (TokenParam token : param.getValuesAsQueryTokens()) {
			String code = token.getValue() == null ? "" : token.getValue().toLowerCase(Locale.ROOT);
			Set<CaseStatus> statuses = codes.get(code);
			if (statuses == null) {
				throw new InvalidRequestException(parameter + " '" + token.getValue() + "' is not one of " + codes.keySet() + ".");
			}
			out.addAll(statuses);
		}
		return out;
	}

	static @Nullable Instant lower(@Nullable DateRangeParam range) {
		return range == null || range.getLowerBoundAsInstant() == null ? null : range.getLowerBoundAsInstant().toInstant();
	}

	static @Nullable Instant upper(@Nullable DateRangeParam range) {
		return range == null || range.getUpperBoundAsInstant() == null ? null : range.getUpperBoundAsInstant().toInstant();
	}

	/** A day, as FHIR writes it (no time, no zone). */
	static DateTimeType day(LocalDate day) {
		return new DateTimeType(day.toString());
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** A search that can match nothing (a status no case ever has). */
	static IBundleProvider none() {
		return new SimpleBundleProvider(List.of());
	}
}
