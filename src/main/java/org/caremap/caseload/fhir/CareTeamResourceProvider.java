package org.caremap.caseload.fhir;

import java.time.LocalDate;
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
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.PatientResources;
import org.caremap.caseload.CareTeamParticipants;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CasePage;
import org.caremap.caseload.CaseSearch;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The team of a case as FHIR CareTeam (US Core CareTeam), with the id of its case: everyone who has been its case
 * manager (each for the time they had the case) and the other members with the role and period recorded when they
 * joined. Status follows the case: active, suspended while on hold, inactive once closed. Roles are the words
 * Caremap records (text, no code: "Case manager", or the role given to a member). Read; search by {@code patient}
 * and {@code status} with {@code _count}/{@code _offset} paging, through the caseload's API. Members outside the
 * organisation (kept by the team module) are added by the {@link CareTeamParticipants} contributors, one call per page.
 */
@Component
class CareTeamResourceProvider implements IResourceProvider {

	static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careteam";
	static final String LOINC = "http://loinc.org";
	static final Map<String, Set<CaseStatus>> STATUS_CODES = Map.of("active", Set.of(CaseStatus.ACTIVE), "suspended",
			Set.of(CaseStatus.ON_HOLD), "inactive", Set.of(CaseStatus.CLOSED), "proposed", Set.of(), "entered-in-error",
			Set.of());

	private final CaseFhir cases;
	private final PatientResources patients;
	private final List<CareTeamParticipants> contributors;

	CareTeamResourceProvider(CaseFhir cases, PatientResources patients, List<CareTeamParticipants> contributors) {
		this.cases = cases;
		this.patients = patients;
		this.contributors = List.copyOf(contributors);
	}

	/** Lets the modules that keep more of the team (members outside the organisation) add their participants. */
	private void contribute(List<CareTeam> teams) {
		if (contributors.isEmpty() || teams.isEmpty()) return;
		Map<CaseId, CareTeam> byCase = new java.util.LinkedHashMap<>();
		for (CareTeam team : teams) byCase.put(new CaseId(java.util.UUID.fromString(team.getIdElement().getIdPart())), team);
		for (CareTeamParticipants contributor : contributors) contributor.addTo(byCase);
	}

	@Override
	public Class<CareTeam> getResourceType() {
		return CareTeam.class;
	}

	@Read
	public CareTeam read(@IdParam IdType id) {
		CasePage.Found found = cases.one("CareTeam", id, false);
		CareTeam team = cases.labelled(found, toFhir(cases.context(List.of(found)), found));
		contribute(List.of(team));
		return team;
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = CareTeam.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = CareTeam.SP_STATUS) @Nullable TokenOrListParam status,
			@IncludeParam(allow = { "CareTeam:patient", "CareTeam:subject" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		CaseSearch search = CaseSearch.all();
		if (patient != null) search = search.withPatient(new PatientId(CaseFhir.referenced(patient, "patient", "Patient")));
		if (status != null) {
			Set<CaseStatus> statuses = CaseFhir.statuses(status, "status", STATUS_CODES);
			if (statuses.isEmpty()) return CaseFhir.none();
			search = search.withStatuses(statuses);
		}
		IBundleProvider page = cases.page(search, offset, count, context -> found -> toFhir(context, found));
		// the page may end with an outcome entry (Part 2 resources withheld)
		List<CareTeam> teams = page.getResources(0, Integer.MAX_VALUE).stream().filter(CareTeam.class::isInstance)
			.map(CareTeam.class::cast).toList();
		contribute(teams);
		if (FhirPage.wants(include, "CareTeam:patient", "CareTeam:subject")) {
			patients.resolve(teams.stream().map(CareTeam::getSubject).toList());
		}
		return page;
	}

	static CareTeam toFhir(CaseFhir.Context context, CasePage.Found found) {
		CaseView c = found.view();
		CareTeam team = new CareTeam();
		team.setId(c.id().toString());
		team.getMeta().addProfile(PROFILE).setLastUpdated(Date.from(found.lastChanged()));
		team.setStatus(status(c.status()));
		team.addCategory(new CodeableConcept(new Coding(LOINC, "LA27977-0", "Episode of care-focused care team")));
		team.setName(context.program(c.program()) + " case team");
		team.setSubject(CaseFhir.patient(c.patient()));
		Period period = new Period().setStartElement(CaseFhir.day(c.startDate()));
		if (c.closedOn() != null) period.setEndElement(CaseFhir.day(c.closedOn()));
		team.setPeriod(period);
		Reference organization = context.organizationReference();
		if (organization != null) team.addManagingOrganization(organization);
		caseManagers(c, context, team);
		for (CaseView.TeamMember member : c.team()) {
			Period served = new Period().setStartElement(CaseFhir.day(member.from()));
			if (member.to() != null) served.setEndElement(CaseFhir.day(member.to()));
			team.addParticipant()
				.addRole(new CodeableConcept().setText(member.role()))
				.setMember(context.practitioner(member.user()))
				.setPeriod(served);
		}
		return team;
	}

	/** The case managers in turn: each reassignment ends one and starts the next. */
	private static void caseManagers(CaseView c, CaseFhir.Context context, CareTeam team) {
		List<CaseView.Step> moves = c.history().stream().filter(s -> s.kind().equals("CASE_MANAGER")).toList();
		UserId first = moves.isEmpty() ? c.caseManager() : CaseFhir.userOf(moves.get(0).from()).orElse(c.caseManager());
		LocalDate from = c.startDate();
		UserId current = first;
		for (CaseView.Step move : moves) {
			LocalDate on = move.at().atZone(context.zone()).toLocalDate();
			caseManager(team, context, current, from, on);
			current = CaseFhir.userOf(move.to()).orElse(c.caseManager());
			from = on;
		}
		caseManager(team, context, current, from, c.closedOn());
	}

	private static void caseManager(CareTeam team, CaseFhir.Context context, UserId user, LocalDate from,
			@Nullable LocalDate to) {
		Period period = new Period().setStartElement(CaseFhir.day(from));
		if (to != null) period.setEndElement(CaseFhir.day(to));
		team.addParticipant()
			.addRole(new CodeableConcept().setText("Case manager"))
			.setMember(context.practitioner(user))
			.setPeriod(period);
	}

	static CareTeamStatus status(CaseStatus status) {
		switch (status) {
			case ON_HOLD:
				return CareTeamStatus.SUSPENDED;
			case CLOSED:
				return CareTeamStatus.INACTIVE;
			default:
				return CareTeamStatus.ACTIVE;
		}
	}

}
