package org.caremap.caseload.fhir;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.caremap.fhir.FhirPage;
import org.caremap.organization.PractitionerResources;
import org.caremap.patient.PatientResources;
import org.caremap.caseload.CasePage;
import org.caremap.caseload.CaseSearch;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Cases as FHIR EpisodeOfCare (base R4; US Core has no profile for it): the enrolment of a patient in a program,
 * with its status (active, onhold, finished; Caremap has no planned, waitlisted or cancelled cases), the program as
 * its type, the period from the start to the closing day, the case manager, the case team (the CareTeam of the
 * same id) and the referral it came from (the ServiceRequest of the referral's id). Read; search by
 * {@code patient}, {@code care-manager}, {@code status} and {@code _lastUpdated} (any change on the case) with
 * {@code _count}/{@code _offset} paging; all through the caseload's API (its access checks and read audit).
 */
@Component
class EpisodeOfCareResourceProvider implements IResourceProvider {

	static final Map<String, Set<CaseStatus>> STATUS_CODES = Map.of("active", Set.of(CaseStatus.ACTIVE), "onhold",
			Set.of(CaseStatus.ON_HOLD), "finished", Set.of(CaseStatus.CLOSED), "planned", Set.of(), "waitlist", Set.of(),
			"cancelled", Set.of(), "entered-in-error", Set.of());

	private final CaseFhir cases;
	private final PatientResources patients;
	private final PractitionerResources practitioners;

	EpisodeOfCareResourceProvider(CaseFhir cases, PatientResources patients, PractitionerResources practitioners) {
		this.cases = cases;
		this.patients = patients;
		this.practitioners = practitioners;
	}

	@Override
	public Class<EpisodeOfCare> getResourceType() {
		return EpisodeOfCare.class;
	}

	@Read
	public EpisodeOfCare read(@IdParam IdType id) {
		CasePage.Found found = cases.one("EpisodeOfCare", id, false);
		return cases.labelled(found, toFhir(cases.context(List.of(found)), found));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = EpisodeOfCare.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = EpisodeOfCare.SP_CARE_MANAGER) @Nullable ReferenceParam careManager,
			@OptionalParam(name = EpisodeOfCare.SP_STATUS) @Nullable TokenOrListParam status,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "EpisodeOfCare:patient", "EpisodeOfCare:care-manager" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		CaseSearch search = CaseSearch.all().changedBetween(CaseFhir.lower(lastUpdated), CaseFhir.upper(lastUpdated));
		if (patient != null) {
			search = search.withPatient(new PatientId(CaseFhir.referenced(patient, "patient", "Patient")));
		}
		if (careManager != null) {
			search = search.withCaseManager(new UserId(CaseFhir.referenced(careManager, "care-manager", "Practitioner")));
		}
		if (status != null) {
			Set<CaseStatus> statuses = CaseFhir.statuses(status, "status", STATUS_CODES);
			if (statuses.isEmpty()) return CaseFhir.none();
			search = search.withStatuses(statuses);
		}
		IBundleProvider page = cases.page(search, offset, count, context -> found -> toFhir(context, found));
		List<EpisodeOfCare> episodes = page.getResources(0, Integer.MAX_VALUE).stream()
			.filter(EpisodeOfCare.class::isInstance).map(EpisodeOfCare.class::cast).toList();
		if (FhirPage.wants(include, "EpisodeOfCare:patient")) patients.resolve(episodes.stream().map(EpisodeOfCare::getPatient).toList());
		if (FhirPage.wants(include, "EpisodeOfCare:care-manager")) {
			practitioners.resolve(episodes.stream().map(EpisodeOfCare::getCareManager).toList());
		}
		return page;
	}

	static EpisodeOfCare toFhir(CaseFhir.Context context, CasePage.Found found) {
		CaseView c = found.view();
		EpisodeOfCare e = new EpisodeOfCare();
		e.setId(c.id().toString());
		e.getMeta().setLastUpdated(Date.from(found.lastChanged()));
		e.setStatus(status(c.status()));
		statusHistory(c).forEach(e::addStatusHistory);
		e.addType(new CodeableConcept().setText(context.program(c.program())));
		e.setPatient(CaseFhir.patient(c.patient()));
		Reference organization = context.organizationReference();
		if (organization != null) e.setManagingOrganization(organization);
		Period period = new Period().setStartElement(CaseFhir.day(c.startDate()));
		if (c.closedOn() != null) period.setEndElement(CaseFhir.day(c.closedOn()));
		e.setPeriod(period);
		if (c.referralId() != null) e.addReferralRequest(new Reference("ServiceRequest/" + c.referralId()));
		e.setCareManager(context.practitioner(c.caseManager()));
		e.addTeam(new Reference("CareTeam/" + c.id()).setDisplay(context.program(c.program()) + " case team"));
		return e;
	}

	static EpisodeOfCareStatus status(CaseStatus status) {
		switch (status) {
			case ON_HOLD:
				return EpisodeOfCareStatus.ONHOLD;
			case CLOSED:
				return EpisodeOfCareStatus.FINISHED;
			default:
				return EpisodeOfCareStatus.ACTIVE;
		}
	}

	/** Each status the case has been in, from the change that started it to the change that ended it. */
	private static List<EpisodeOfCare.EpisodeOfCareStatusHistoryComponent> statusHistory(CaseView c) {
		List<CaseView.Step> changes = c.history().stream().filter(s -> s.kind().equals("STATUS")).toList();
		List<EpisodeOfCare.EpisodeOfCareStatusHistoryComponent> out = new ArrayList<>();
		for (int i = 0; i < changes.size(); i++) {
			CaseView.Step step = changes.get(i);
			Period period = new Period().setStart(Date.from(step.at()));
			if (i + 1 < changes.size()) period.setEnd(Date.from(changes.get(i + 1).at()));
			out.add(new EpisodeOfCare.EpisodeOfCareStatusHistoryComponent()
				.setStatus(status(CaseStatus.valueOf(step.to())))
				.setPeriod(period));
		}
		return out;
	}

}
