package org.caremap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.access.CareRelationships;
import org.caremap.access.PatientAccess;
import org.caremap.access.RelationshipKind;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The security suite: every page route the running application maps (read from its handler mappings, so a new
 * route is walked without editing this test) is requested by a person of every role, about a patient they care for
 * on that role's ground and about one they do not, and the answer is held against the table below: no unexpected
 * allow, no unexpected refusal, no response of 500 or more, and every refusal of a signed-in person audited. A
 * route the table does not know fails the suite until someone decides who may use it. The FHIR interactions are
 * walked the same way by {@link FhirInteractionSecurityIT}.
 */
class RouteSecurityIT extends IntegrationTest {

	/** Who asks. Each signed-in actor is a fresh account of one role, related to patient P on that role's ground. */
	enum Actor {
		ANONYMOUS(null), ADMIN(Role.ADMIN), SUPERVISOR(Role.SUPERVISOR), CASE_MANAGER(Role.CASE_MANAGER),
		CARE_TEAM(Role.CARE_TEAM), INTAKE(Role.INTAKE), REVIEWER(Role.UTILIZATION_REVIEW);

		final Role role;

		Actor(Role role) {
			this.role = role;
		}
	}

	/** Which patient a patient route is about: one the actor reaches on their ground, or one they do not. */
	enum Scope {
		OWN, OTHER, NONE
	}

	/**
	 * ALLOW: the request was served; DENY: refused for who asked (403, 401, or the sign-in page); NEUTRAL: refused for
	 * what was asked (not found, invalid, a rule of the domain), which agrees with either expectation.
	 */
	enum Outcome {
		ALLOW, DENY, NEUTRAL
	}

	private static final Set<Actor> NOBODY = Set.of();
	private static final Set<Actor> SIGNED_IN = Set.of(Actor.ADMIN, Actor.SUPERVISOR, Actor.CASE_MANAGER, Actor.CARE_TEAM,
			Actor.INTAKE, Actor.REVIEWER);
	private static final Set<Actor> CLINICAL = Set.of(Actor.SUPERVISOR, Actor.CASE_MANAGER, Actor.CARE_TEAM, Actor.INTAKE,
			Actor.REVIEWER);
	private static final Set<Actor> ADMIN = Set.of(Actor.ADMIN);
	private static final Set<Actor> SCREENERS = Set.of(Actor.INTAKE, Actor.SUPERVISOR);

	/**
	 * Routes that are not about one patient's chart: who may use them (a refusal of anyone else is expected). Routes
	 * under {@code /patients/{id}} are decided by {@link #PATIENT_PURPOSE} and the access rules.
	 */
	private static final Map<String, Set<Actor>> ROUTES = new LinkedHashMap<>();
	static {
		ROUTES.put("GET /login", Set.of(Actor.values()));
		ROUTES.put("GET /", SIGNED_IN);
		ROUTES.put("GET /help", SIGNED_IN);
		ROUTES.put("GET /session/keepalive", SIGNED_IN);
		ROUTES.put("GET /account/password", SIGNED_IN);
		ROUTES.put("POST /account/password", SIGNED_IN);
		ROUTES.put("GET /account", SIGNED_IN);
		ROUTES.put("POST /account/language", SIGNED_IN);
		// the code after the password: only a session whose password was just accepted (everyone else: the sign-in page)
		ROUTES.put("GET /login/code", NOBODY);
		ROUTES.put("POST /login/code", NOBODY);
		ROUTES.put("GET /account/two-factor", SIGNED_IN);
		ROUTES.put("POST /account/two-factor", SIGNED_IN);
		ROUTES.put("POST /account/two-factor/off", SIGNED_IN);
		ROUTES.put("GET /notifications", SIGNED_IN);
		ROUTES.put("POST /notifications/{id}/read", SIGNED_IN);
		ROUTES.put("POST /notifications/{id}/open", SIGNED_IN);
		ROUTES.put("POST /notifications/read-all", SIGNED_IN);
		ROUTES.put("GET /myday", SIGNED_IN);
		ROUTES.put("POST /tasks/{id}/complete", CLINICAL);
		ROUTES.put("POST /tasks/{id}/claim", CLINICAL);
		ROUTES.put("GET /caseload", Set.of(Actor.CASE_MANAGER, Actor.SUPERVISOR));
		ROUTES.put("GET /caseload/team", Set.of(Actor.SUPERVISOR));
		ROUTES.put("POST /caseload/reassign", Set.of(Actor.SUPERVISOR));
		ROUTES.put("GET /caseload/team/supervision", Set.of(Actor.SUPERVISOR));
		ROUTES.put("POST /caseload/team/supervision/capacity", Set.of(Actor.SUPERVISOR));
		ROUTES.put("POST /caseload/team/supervision/apply", Set.of(Actor.SUPERVISOR));
		ROUTES.put("GET /cases/{id}", CLINICAL);
		ROUTES.put("GET /patients", SIGNED_IN); // a search: each finds only the patients they may read
		ROUTES.put("GET /patients/new", Set.of(Actor.INTAKE, Actor.SUPERVISOR, Actor.CASE_MANAGER));
		ROUTES.put("POST /patients/new", Set.of(Actor.INTAKE, Actor.SUPERVISOR, Actor.CASE_MANAGER));
		ROUTES.put("GET /referrals", SCREENERS);
		ROUTES.put("GET /referrals/new", Set.of(Actor.INTAKE, Actor.SUPERVISOR, Actor.CASE_MANAGER));
		ROUTES.put("POST /referrals/new", Set.of(Actor.INTAKE, Actor.SUPERVISOR, Actor.CASE_MANAGER));
		ROUTES.put("GET /referrals/{id}", CLINICAL);
		for (String action : List.of("claim", "release", "decline", "withdraw", "reopen", "documents")) {
			ROUTES.put("POST /referrals/{id}/" + action, SCREENERS);
		}
		ROUTES.put("GET /referrals/{id}/documents/{document}", CLINICAL);
		ROUTES.put("GET /referrals/{id}/enrol", SCREENERS);
		ROUTES.put("POST /referrals/{id}/enrol", SCREENERS);
		ROUTES.put("GET /transitions/outreach", SCREENERS);
		ROUTES.put("POST /transitions/outreach/{encounter}/refer", SCREENERS);
		ROUTES.put("GET /transitions/messages", Set.of(Actor.ADMIN, Actor.INTAKE, Actor.SUPERVISOR));
		ROUTES.put("POST /transitions/messages/import", ADMIN);
		ROUTES.put("POST /transitions/messages/{id}/reprocess", Set.of(Actor.ADMIN, Actor.INTAKE, Actor.SUPERVISOR));
		ROUTES.put("GET /transitions/mine", Set.of(Actor.CASE_MANAGER, Actor.SUPERVISOR));
		ROUTES.put("GET /transitions/timeliness", Set.of(Actor.SUPERVISOR));
		ROUTES.put("GET /clocks/at-risk", Set.of(Actor.SUPERVISOR));
		ROUTES.put("GET /transitions/unmatched", SCREENERS);
		ROUTES.put("GET /utilization/authorizations", Set.of(Actor.CASE_MANAGER, Actor.SUPERVISOR, Actor.REVIEWER));
		ROUTES.put("GET /utilization/turnaround", Set.of(Actor.SUPERVISOR, Actor.REVIEWER));
		ROUTES.put("POST /transitions/unmatched/{id}/link", SCREENERS);
		// concurrent review: the reviewers and their supervisors; only a supervisor gives a stay to another reviewer
		ROUTES.put("GET /reviews", Set.of(Actor.REVIEWER, Actor.SUPERVISOR));
		ROUTES.put("GET /reviews/{review}", Set.of(Actor.REVIEWER, Actor.SUPERVISOR));
		ROUTES.put("POST /reviews/{review}", Set.of(Actor.REVIEWER, Actor.SUPERVISOR));
		ROUTES.put("POST /reviews/{review}/reviewer", Set.of(Actor.SUPERVISOR));
		ROUTES.put("POST /reviews/payers", Set.of(Actor.SUPERVISOR));
		// community referrals: a case manager's list, the supervisors' report; the organisation's single-referral
		// link needs no account (an unknown token reaches nothing, whoever asks)
		ROUTES.put("GET /community/referrals/mine", Set.of(Actor.CASE_MANAGER, Actor.SUPERVISOR));
		ROUTES.put("GET /community/referrals/report", Set.of(Actor.SUPERVISOR));
		ROUTES.put("GET /community/answer/{token}", Set.of(Actor.values()));
		ROUTES.put("POST /community/answer/{token}", Set.of(Actor.values()));
		// bearer-token endpoints: a browser session is never enough
		// the community resource directory: everyone on the staff searches it and suggests corrections; administrators
		// and supervisors add, correct and verify entries
		ROUTES.put("GET /community", SIGNED_IN);
		ROUTES.put("GET /community/directory", SIGNED_IN);
		ROUTES.put("GET /community/services/{id}", SIGNED_IN);
		ROUTES.put("POST /community/services/{id}/corrections", SIGNED_IN);
		ROUTES.put("POST /community/services/{id}/corrections/{correction}/resolve", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("POST /community/services/{id}/verify", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("GET /community/services/new", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("POST /community/services/new", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("GET /community/services/{id}/edit", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("POST /community/services/{id}/edit", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		// case conferences and team meetings: the clinical staff who hold conferences read them (each case only where they
		// may read the patient); case managers and supervisors plan, add to and sign them; supervisors set up and open meetings
		Set<Actor> conferenceReaders = Set.of(Actor.CASE_MANAGER, Actor.SUPERVISOR, Actor.CARE_TEAM);
		Set<Actor> conferenceHolders = Set.of(Actor.CASE_MANAGER, Actor.SUPERVISOR);
		ROUTES.put("GET /team/conferences", conferenceReaders);
		ROUTES.put("GET /team/conferences/{id}", conferenceReaders);
		ROUTES.put("GET /team/conferences/new", conferenceHolders);
		ROUTES.put("POST /team/conferences/new", conferenceHolders);
		for (String action : List.of("cases", "attendees", "guests", "sign", "cancel")) {
			ROUTES.put("POST /team/conferences/{id}/" + action, conferenceHolders);
		}
		ROUTES.put("POST /team/conferences/{id}/cases/{item}/notes", conferenceReaders);
		ROUTES.put("POST /team/conferences/{id}/cases/{item}/decisions", conferenceReaders);
		ROUTES.put("GET /team/meetings", conferenceReaders);
		ROUTES.put("POST /team/meetings", Set.of(Actor.SUPERVISOR));
		ROUTES.put("POST /team/meetings/{id}/open", Set.of(Actor.SUPERVISOR));
		// the team's messages across patients: the people who are on care teams or supervise them (each sees only the
		// threads they were sent or wrote; an unknown thread is not found, a thread of someone else's patient refused)
		ROUTES.put("GET /team/messages", Set.of(Actor.CASE_MANAGER, Actor.CARE_TEAM, Actor.SUPERVISOR));
		ROUTES.put("GET /team/messages/{thread}", Set.of(Actor.CASE_MANAGER, Actor.CARE_TEAM, Actor.SUPERVISOR));
		// cover and on-call: everyone names cover (for themselves; a supervisor for their team, an administrator for
		// anyone, decided by the module); administrators and supervisors keep the on-call rota of their programs
		ROUTES.put("GET /team/cover", SIGNED_IN);
		ROUTES.put("POST /team/cover", SIGNED_IN);
		ROUTES.put("POST /team/cover/{id}/end", SIGNED_IN);
		ROUTES.put("GET /team/on-call", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("POST /team/on-call", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("POST /team/on-call/{id}/remove", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		// outcomes: the supervisors' dashboard, its exports (counts only) and drill-downs (patients limited by the module)
		ROUTES.put("GET /quality", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("GET /quality/{measure}/patients", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("GET /quality/export.csv", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("GET /quality/export.xlsx", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("POST /quality/recompute", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		// the answer to a patient's request for an accounting of disclosures or the access log: supervisors who read the patient
		ROUTES.put("GET /disclosure-requests/{request}/answer.pdf", Set.of(Actor.SUPERVISOR));
		// outreach registries: the list for screeners and administrators, rules saved by supervisors and administrators,
		// members and their referral for screeners (patients limited by the module)
		ROUTES.put("GET /transitions/registries", Set.of(Actor.ADMIN, Actor.SUPERVISOR, Actor.INTAKE));
		ROUTES.put("GET /transitions/registries/new", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("POST /transitions/registries", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("POST /transitions/registries/evaluate", Set.of(Actor.ADMIN, Actor.SUPERVISOR));
		ROUTES.put("GET /transitions/registries/{rule}", SCREENERS);
		ROUTES.put("POST /transitions/registries/{rule}/refer", SCREENERS);
		ROUTES.put("POST /api/hl7v2/adt", NOBODY);
		ROUTES.put("GET /fhir-bulk/{id}", NOBODY);
		ROUTES.put("DELETE /fhir-bulk/{id}", NOBODY);
		ROUTES.put("GET /fhir-bulk/{id}/{seq}.ndjson", NOBODY);
		ROUTES.put("GET /fhir-import/{id}", NOBODY);
		ROUTES.put("DELETE /fhir-import/{id}", NOBODY);
		// staff credentials: one's own for everyone signed in; a person's page and the team view for supervisors and administrators
		ROUTES.put("GET /credentials", SIGNED_IN);
		ROUTES.put("POST /credentials", SIGNED_IN);
		ROUTES.put("POST /credentials/trainings", SIGNED_IN);
		for (String route : List.of("GET /credentials/team", "GET /credentials/staff/{user}", "POST /credentials/staff/{user}",
				"POST /credentials/staff/{user}/trainings", "POST /credentials/staff/{user}/licence-required",
				"POST /credentials/entries/{credential}", "POST /credentials/entries/{credential}/void")) {
			ROUTES.put(route, Set.of(Actor.SUPERVISOR, Actor.ADMIN));
		}
		// program budgets: supervisors and administrators
		ROUTES.put("GET /budgets", Set.of(Actor.SUPERVISOR, Actor.ADMIN));
		ROUTES.put("GET /budgets/edit", Set.of(Actor.SUPERVISOR, Actor.ADMIN));
		ROUTES.put("POST /budgets/edit", Set.of(Actor.SUPERVISOR, Actor.ADMIN));
		ROUTES.put("GET /budgets/rates", Set.of(Actor.SUPERVISOR, Actor.ADMIN));
		ROUTES.put("POST /budgets/rates", Set.of(Actor.SUPERVISOR, Actor.ADMIN));
		ROUTES.put("POST /budgets/rates/{rate}/void", Set.of(Actor.SUPERVISOR, Actor.ADMIN));
		// billing worksheets: supervisors only (the billing module's API refuses everyone else)
		for (String route : List.of("GET /billing/worksheets", "POST /billing/worksheets/generate", "GET /billing/worksheets/{id}",
				"POST /billing/worksheets/{id}/sign", "POST /billing/worksheets/{id}/correct",
				"POST /billing/worksheets/{id}/decision-making", "GET /billing/worksheets/{id}/csv", "POST /billing/programs/{id}")) {
			ROUTES.put(route, Set.of(Actor.SUPERVISOR));
		}
	}

	/** Patient routes that change the record: the purpose each needs (any other change needs WRITE). */
	private static final Map<String, String> PATIENT_PURPOSE = new LinkedHashMap<>();
	static {
		PATIENT_PURPOSE.put("POST /patients/{patientId}/contacts", "CONTRIBUTE");
		PATIENT_PURPOSE.put("POST /patients/{id}/tasks", "CONTRIBUTE");
		PATIENT_PURPOSE.put("POST /patients/{id}/tasks/{task}/reassign", "CONTRIBUTE");
		PATIENT_PURPOSE.put("POST /patients/{id}/feedback", "CONTRIBUTE");
		PATIENT_PURPOSE.put("POST /patients/{id}/feedback/{item}/resolve", "CONTRIBUTE");
		// prior authorization work: case managers, the care team and the reviewer who reviews the patient
		for (String action : List.of("", "/needs", "/{authorization}/edit", "/{authorization}/submit", "/{authorization}/pend",
				"/{authorization}/information", "/{authorization}/withdraw", "/{authorization}/decision", "/{authorization}/units",
				"/{authorization}/units/{use}/void", "/{authorization}/documents", "/{authorization}/appeals",
				"/{authorization}/appeals/{appeal}/letter", "/{authorization}/appeals/{appeal}/status",
				"/{authorization}/peer-to-peer", "/{authorization}/peer-to-peer/{review}")) {
			PATIENT_PURPOSE.put("POST /patients/{id}/authorizations" + action, "CONTRIBUTE");
		}
		for (String action : List.of("", "/{referral}/cancel", "/{referral}/answer", "/{referral}/resend")) {
			PATIENT_PURPOSE.put("POST /patients/{id}/community/referrals" + action, "CONTRIBUTE");
		}
		PATIENT_PURPOSE.put("POST /patients/{id}/edit", "REGISTER");
		PATIENT_PURPOSE.put("POST /patients/{id}/identifiers", "REGISTER");
		PATIENT_PURPOSE.put("POST /patients/{id}/providers", "REGISTER");
		PATIENT_PURPOSE.put("POST /patients/{id}/network", "REGISTER");
		// the chart's portal tab: inviting to the portal and ending an account change the registration
		PATIENT_PURPOSE.put("POST /patients/{id}/portal/invite", "REGISTER");
		PATIENT_PURPOSE.put("POST /patients/{id}/portal/{account}/revoke", "REGISTER");
		PATIENT_PURPOSE.put("POST /patients/{id}/coverage", "REGISTER");
		// a self-reported measure entered on the chart adds to the shared work
		PATIENT_PURPOSE.put("POST /patients/{id}/measures", "CONTRIBUTE");
		PATIENT_PURPOSE.put("POST /patients/{id}/merge", "MERGE");
		PATIENT_PURPOSE.put("POST /patients/{id}/break-glass", "BREAK_GLASS");
		PATIENT_PURPOSE.put("POST /patients/{id}/patient-shares", "CONTRIBUTE");
		// consents to disclose Part 2 records: the program's people record and revoke them, and supervisors (the walked
		// program is a standard one, so its case manager is outside any Part 2 program)
		PATIENT_PURPOSE.put("POST /patients/{id}/disclosures/consents", "MANAGE_PART2");
		PATIENT_PURPOSE.put("POST /patients/{id}/disclosures/consents/{consent}/revoke", "MANAGE_PART2");
	}

	/** What each actor may do with patient P, on their ground (the README's table, written out independently). */
	private static final Map<Actor, Set<String>> ON_OWN_PATIENT = new EnumMap<>(Actor.class);
	static {
		ON_OWN_PATIENT.put(Actor.ANONYMOUS, Set.of());
		ON_OWN_PATIENT.put(Actor.ADMIN, Set.of());
		ON_OWN_PATIENT.put(Actor.SUPERVISOR, Set.of("READ", "CONTRIBUTE", "REGISTER", "WRITE", "MERGE", "MANAGE_PART2"));
		ON_OWN_PATIENT.put(Actor.CASE_MANAGER, Set.of("READ", "CONTRIBUTE", "REGISTER", "WRITE"));
		ON_OWN_PATIENT.put(Actor.CARE_TEAM, Set.of("READ", "CONTRIBUTE"));
		ON_OWN_PATIENT.put(Actor.INTAKE, Set.of("READ", "CONTRIBUTE", "REGISTER", "MERGE"));
		ON_OWN_PATIENT.put(Actor.REVIEWER, Set.of("READ", "CONTRIBUTE"));
	}

	/** A form with a plausible value for every field any page posts, so that a request is judged on who sent it. */
	private static Map<String, String> form(String today) {
		Map<String, String> f = new LinkedHashMap<>();
		f.put("name", "Walker Test");
		f.put("relationship", "Friend");
		f.put("relation", "Friend");
		f.put("familyName", "Walker");
		f.put("givenName", "Tess");
		f.put("birthDate", "1950-01-01");
		f.put("sex", "FEMALE");
		f.put("preferredLanguage", "en");
		f.put("contactMethod", "PHONE");
		f.put("phone", "(614) 555-0100");
		f.put("mayBeTold", "NOTHING");
		f.put("_caregiver", "on");
		f.put("_legalRepresentative", "on");
		f.put("_interpreterNeeded", "on");
		f.put("payer", "Walker Health Plan");
		f.put("memberId", "WALK-1");
		f.put("effectiveFrom", today);
		f.put("priority", "1");
		f.put("format", "SOAP");
		f.put("section", "Security walk");
		f.put("action", "draft");
		f.put("sentiment", "POSITIVE");
		f.put("category", "CARE_QUALITY");
		f.put("description", "Security walk");
		f.put("summary", "Security walk");
		f.put("outcome", "REACHED");
		f.put("type", "PHONE");
		f.put("direction", "OUTBOUND");
		f.put("with", "PATIENT");
		f.put("minutes", "5");
		f.put("staffKind", "CLINICAL_STAFF");
		f.put("title", "Security walk");
		f.put("due", today + "T17:00");
		f.put("dueOn", today);
		f.put("reason", "Security walk checks who may do this");
		f.put("text", "Security walk");
		f.put("note", "Security walk");
		f.put("instrument", "phq-2");
		f.put("problem", "Security walk");
		f.put("goal", "Security walk");
		f.put("target", "Security walk");
		f.put("term", "SHORT");
		f.put("identifierType", "MR");
		f.put("value", "WALK-" + UUID.randomUUID().toString().substring(0, 8));
		f.put("assigner", "Walker Hospital");
		f.put("recordNumber", "WALK-" + UUID.randomUUID().toString().substring(0, 8));
		f.put("recordAuthority", "Walker Hospital");
		f.put("confirmedNew", "true");
		f.put("role", "PCP");
		f.put("acuity", "MODERATE");
		f.put("until", LocalDate.parse(today).plusDays(7).toString());
		f.put("q", "Walker");
		f.put("code", "E11.9");
		f.put("template", "depression");
		return f;
	}

	@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired CareRelationships relationships;
	@Autowired PatientAccess access;
	@Autowired JdbcClient jdbc;
	@Autowired org.caremap.careplan.CarePlans plans;
	@Autowired org.caremap.contact.Notes notes;
	@Autowired org.caremap.assessment.Assessments assessments;
	@Autowired org.caremap.contact.Feedback feedback;
	@Autowired org.caremap.community.CommunityReferrals communityReferrals;
	@Autowired org.caremap.team.Members members;
	@Autowired org.caremap.team.Messages messages;

	/** The ids of what a patient's record holds, by the route variable that names them. */
	private Map<String, UUID> things(PatientId patient) {
		Map<String, UUID> out = new LinkedHashMap<>();
		String[][] queries = {
				{ "plan", "select p.id from care_plan p join care_case c on c.id = p.case_id where c.patient_id = ? limit 1" },
				{ "note", "select id from progress_note where patient_id = ? limit 1" },
				{ "task", "select id from task where patient_id = ? limit 1" },
				{ "assessment", "select id from assessment where patient_id = ? limit 1" },
				{ "feedback", "select id from patient_feedback where patient_id = ? limit 1" },
				{ "caseId", "select id from care_case where patient_id = ? limit 1" },
				{ "appointment", "select id from appointment where patient_id = ? limit 1" },
				{ "authorization", "select id from authorization_request where patient_id = ? limit 1" },
				{ "review", "select id from stay_review where patient_id = ? limit 1" },
				{ "referral", "select id from community_referral where patient_id = ? limit 1" },
				{ "thread", "select id from message_thread where patient_id = ? limit 1" },
				{ "member", "select id from care_team_member where patient_id = ? limit 1" } };
		for (String[] q : queries) {
			jdbc.sql(q[1]).param(patient.value()).query(UUID.class).optional().ifPresent(id -> out.put(q[0], id));
		}
		return out;
	}

	private record Route(String method, String pattern, String handler, HandlerMethod target) {
		String key() {
			return method + " " + pattern;
		}
	}

	private record Check(Route route, Actor actor, Scope scope, Outcome expected, Outcome actual, int status, String url,
			String why) {
	}

	/** What a page said went wrong, if it said so. */
	private static String why(HttpResponse<String> response) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("alert alert-danger[^>]*>(?:\\s*<i[^>]*></i>)?\\s*(?:<span>)?([^<]{0,160})")
			.matcher(response.body());
		return m.find() ? m.group(1).trim() : "";
	}


	@Test
	void everyRouteAnswersEveryRoleAsTheTableSays() throws IOException {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String password = "walk-" + UUID.randomUUID();
		Map<Actor, UserView> people = new EnumMap<>(Actor.class);
		for (Actor actor : Actor.values()) {
			if (actor.role == null) continue;
			people.put(actor, SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(
					"walk." + actor.name().toLowerCase() + "." + suffix, "Walker " + actor.name().toLowerCase(), null,
					Set.of(actor.role), password, false))));
		}
		// patient P: in a program the walking supervisor supervises, on the walking case manager's caseload, with the
		// walking care team member on the case team, screened by the walking intake coordinator, reviewed by the reviewer
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(
				organizations.primary().orElseThrow().id(), new ProgramDefinition("Security walk " + suffix,
						ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(), Set.of(people.get(Actor.SUPERVISOR).id())));
		PatientId own = Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Walked" + suffix);
		LocalDate today = Today.date();
		CaseId ownCase = SystemActor.call("test", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(own, program.id(), null,
				people.get(Actor.CASE_MANAGER).id(), today, new Consent(today, ConsentMethod.VERBAL, "Walker", true, true, true, true),
				Acuity.MODERATE, "security walk")));
		new Actors(users).run(people.get(Actor.CASE_MANAGER).username(), () -> cases.addTeamMember(ownCase,
				people.get(Actor.CARE_TEAM).id(), "Pharmacist", today, null));
		SystemActor.run("test", List.of("SYSTEM"), () -> {
			relationships.open(people.get(Actor.INTAKE).id(), own, RelationshipKind.INTAKE, "security-walk");
			relationships.open(people.get(Actor.REVIEWER).id(), own, RelationshipKind.UTILIZATION_REVIEW, "security-walk");
		});
		// P is in hospital, their stay under concurrent review by the walking reviewer
		jdbc.sql("""
				insert into stay_review (id, encounter_id, patient_id, facility, admitted_at, payer, expected_days, expected_basis,
				    reviewer_id, status, next_review_on, created_by, updated_by)
				values (?, ?, ?, 'WALKER GENERAL', now() - interval '1 day', 'Walker Health Plan', 4, 'default', ?, 'OPEN',
				    current_date, 'security-walk', 'security-walk')""")
			.params(UUID.randomUUID(), UUID.randomUUID(), own.value(), people.get(Actor.REVIEWER).id().value()).update();
		// what P's record holds, so that the walk asks about real things: a care plan, a note, an assessment, feedback
		new Actors(users).run(people.get(Actor.CASE_MANAGER).username(), () -> {
			plans.open(ownCase);
			notes.draft(own, ownCase, new org.caremap.contact.NoteContent(org.caremap.contact.NoteFormat.SOAP,
					List.of("s", "o", "a", "p"), null, null, null));
			assessments.assign(own, ownCase, "phq-9", today.plusDays(3));
			feedback.record(own, ownCase, org.caremap.contact.FeedbackView.Sentiment.POSITIVE,
					org.caremap.contact.FeedbackView.Category.CARE_QUALITY, "Kind words", null);
		});
		// a member of the care team from outside, and a message thread of the case team
		new Actors(users).run(people.get(Actor.CASE_MANAGER).username(), () -> {
			members.add(own, new org.caremap.team.NewMember(ownCase, org.caremap.team.MemberKind.PHARMACIST, "Walker Pharmacist",
					"Pharmacist", null, "(614) 555-0100", null, org.caremap.team.ContactWay.PHONE, null, null, today, null));
			messages.start(own, ownCase, "Security walk", new org.caremap.team.Messages.NewMessage("Security walk", false, null));
		});
		// and a community referral to a directory service
		UUID walkOrg = UUID.randomUUID();
		UUID walkService = UUID.randomUUID();
		jdbc.sql("insert into community_organization (id, source, name, created_by, updated_by) values (?, 'walk', 'Walker Pantry', 'walk', 'walk')")
			.param(walkOrg).update();
		jdbc.sql("insert into community_service (id, organization_id, source, name, created_by, updated_by) values (?, ?, 'walk', 'Walker food boxes', 'walk', 'walk')")
			.params(walkService, walkOrg).update();
		new Actors(users).run(people.get(Actor.CASE_MANAGER).username(), () -> communityReferrals.send(
				new org.caremap.community.NewCommunityReferral(own, walkService, null, null, "Security walk",
						new org.caremap.community.NewCommunityReferral.Sharing(true, false, false, false, false, null),
						new org.caremap.community.NewCommunityReferral.ContactPreferences(true, false, false, null, null), null)));
		// patient Q: a demo patient none of them reaches, with a care plan, notes, tasks and assessments
		UserId other = accounts.findByUsername("casemanager2").orElseThrow().id();
		PatientId foreign = new PatientId(jdbc.sql("""
				select c.patient_id from care_case c
				where c.case_manager_id = ? and c.status = 'ACTIVE'
				order by (select count(*) from care_plan p where p.case_id = c.id) desc,
				         (select count(*) from progress_note n where n.patient_id = c.patient_id) desc,
				         (select count(*) from task t where t.patient_id = c.patient_id) desc, c.patient_id
				limit 1""").param(other.value()).query(UUID.class).single());
		UUID foreignCase = jdbc.sql("select id from care_case where patient_id = ? order by start_date desc limit 1")
			.param(foreign.value()).query(UUID.class).single();
		Map<Scope, Map<String, UUID>> ids = new EnumMap<>(Scope.class);
		ids.put(Scope.OWN, things(own));
		ids.put(Scope.OTHER, things(foreign));

		Map<Actor, Browserless> sessions = new EnumMap<>(Actor.class);
		for (Actor actor : Actor.values()) {
			Browserless b = client();
			if (actor.role != null) {
				HttpResponse<String> login = b.login(people.get(actor).username(), password);
				assertThat(Browserless.location(login)).as(actor + " signs in").doesNotContain("error");
			}
			sessions.put(actor, b);
		}

		List<Route> routes = routes();
		List<Check> checks = new ArrayList<>();
		List<String> unclassified = new ArrayList<>();
		List<String> serverErrors = new ArrayList<>();
		List<String> unaudited = new ArrayList<>();
		for (Route route : routes) {
			boolean patientRoute = route.pattern().startsWith("/patients/{");
			// administration (users, programs, instruments, calendar, API clients, audit) is the administrator's alone
			if (!patientRoute && !route.pattern().startsWith("/admin/") && !portalRoute(route) && !ROUTES.containsKey(route.key())) {
				unclassified.add(route.key() + " (" + route.handler() + ")");
				continue;
			}
			for (Actor actor : Actor.values()) {
				for (Scope scope : patientRoute ? List.of(Scope.OWN, Scope.OTHER) : List.of(Scope.NONE)) {
					String url = url(route.pattern(), scope == Scope.OTHER ? foreign : own,
							ids.getOrDefault(scope, ids.get(Scope.OWN)));
					Outcome expected = expected(route, actor, scope);
					long deniedBefore = actor.role == null ? 0 : denied(people.get(actor).username());
					Map<String, String> extra = new LinkedHashMap<>(required(route, today));
					extra.put("case", ownCase.value().toString());
					extra.put("to", people.get(Actor.CASE_MANAGER).id().toString());
					extra.put("duplicate", duplicateOf(route, scope, suffix));
					extra.put("owner", people.get(Actor.CASE_MANAGER).id().toString());
					Map<String, UUID> these = ids.getOrDefault(scope, ids.get(Scope.OWN));
					if (these.containsKey("plan")) {
						extra.put("version", String.valueOf(jdbc.sql("select current_version from care_plan where id = ?")
							.param(these.get("plan")).query(Integer.class).single()));
					}
					HttpResponse<String> response = send(sessions.get(actor), route, url, today.toString(), extra);
					Outcome actual = classify(sessions.get(actor), response);
					// a page about real things that a person may not see is refused (and audited), never "not found"
					if (actual == Outcome.NEUTRAL && expected == Outcome.DENY && route.method().equals("GET")
							&& !url.contains(RANDOM_PREFIX) && actor.role != null) {
						actual = Outcome.ALLOW;
						lastWhy = "answered " + response.statusCode() + " instead of a refusal";
					}
					checks.add(new Check(route, actor, scope, expected, actual, response.statusCode(), url, lastWhy));
					if (response.statusCode() >= 500) serverErrors.add(route.key() + " as " + actor + " (" + url + "): " + response.statusCode());
					if (actual == Outcome.DENY && actor.role != null && response.statusCode() == 403
							&& denied(people.get(actor).username()) <= deniedBefore) {
						unaudited.add(route.key() + " as " + actor + " " + scope);
					}
				}
			}
		}
		report(checks, unclassified);
		assertThat(serverErrors).as("responses of 500 or more").isEmpty();
		assertThat(unaudited).as("refusals not audited").isEmpty();
		assertThat(unclassified).as("routes the table does not classify: decide who may use them").isEmpty();
		List<String> unexpectedAllows = checks.stream().filter(c -> c.expected() == Outcome.DENY && c.actual() == Outcome.ALLOW)
			.map(Check::toString).toList();
		List<String> unexpectedDenials = checks.stream().filter(c -> c.expected() == Outcome.ALLOW && c.actual() == Outcome.DENY)
			.map(Check::toString).toList();
		assertThat(unexpectedAllows).as("unexpected allows").isEmpty();
		assertThat(unexpectedDenials).as("unexpected refusals").isEmpty();
		assertThat(checks.size()).isGreaterThan(500);
	}

	private List<Route> routes() {
		Set<Route> out = new java.util.LinkedHashSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = e.getKey();
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/error")) continue; // the error page, rendered by the server (asked directly: 404, FormInputIT)
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					out.add(new Route(method.name(), pattern, e.getValue().getBeanType().getSimpleName() + "."
							+ e.getValue().getMethod().getName(), e.getValue()));
				}
			}
		}
		List<Route> sorted = new ArrayList<>(out);
		// breaking the glass opens patient Q to whoever may do it, and a merge changes P: both are walked last
		sorted.sort(java.util.Comparator.<Route, Integer>comparing(r -> r.pattern().endsWith("/break-glass") ? 2 : r.pattern().endsWith("/merge") ? 1 : 0)
			.thenComparing(Route::pattern).thenComparing(Route::method));
		return sorted;
	}

	/** Ids the walk makes up start with this, so a refusal of a made-up thing is told from one of a real thing. */
	private static final String RANDOM_PREFIX = "0000dead";

	private static String url(String pattern, PatientId patient, Map<String, UUID> things) {
		String url = pattern;
		if (url.startsWith("/patients/{")) url = url.replaceFirst("\\{[^}]+}", patient.toString());
		url = url.replace("feedback/{item}", "feedback/" + things.getOrDefault("feedback", UUID.randomUUID()));
		for (String name : List.of("plan", "note", "task", "assessment", "caseId", "appointment", "authorization", "review", "referral",
				"thread", "member")) {
			if (things.containsKey(name)) url = url.replace("{" + name + "}", things.get(name).toString());
		}
		url = url.replace("{action}", "hold").replace("{key}", "phq-9").replace("{seq}", "1").replace("{clientId}", "no-such-client");
		return url.replaceAll("\\{[^}]+}", RANDOM_PREFIX + UUID.randomUUID().toString().substring(RANDOM_PREFIX.length()));
	}

	/**
	 * A value for every request parameter the handler requires that the shared form does not hold, from its type,
	 * so that a request is not refused for a missing field before anyone asks who sent it.
	 */
	private static Map<String, String> required(Route route, LocalDate today) {
		Map<String, String> out = new LinkedHashMap<>();
		Map<String, String> shared = form(today.toString());
		for (org.springframework.core.MethodParameter parameter : route.target().getMethodParameters()) {
			org.springframework.web.bind.annotation.RequestParam param = parameter.getParameterAnnotation(
					org.springframework.web.bind.annotation.RequestParam.class);
			if (param == null) continue;
			String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
					: parameter.getParameterName();
			if (name == null) continue;
			boolean mandatory = param.required() && param.defaultValue().equals(org.springframework.web.bind.annotation.ValueConstants.DEFAULT_NONE)
					&& !parameter.isOptional();
			Class<?> type = parameter.getParameterType();
			String current = shared.get(name);
			String value;
			if (type.isEnum()) {
				boolean fits = current != null && java.util.Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(current));
				value = fits ? current : ((Enum<?>) type.getEnumConstants()[0]).name();
			}
			else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) value = current != null && current.matches("\\d+") ? current : "1";
			else if (type == boolean.class || type == Boolean.class) value = "true";
			else if (type == UUID.class) value = mandatory ? UUID.randomUUID().toString() : "";
			else if (type == LocalDate.class) value = today.toString();
			else if (type == java.time.LocalDateTime.class) value = today + "T12:00";
			else if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type)) continue;
			else value = current != null ? current : "Security walk";
			out.put(name, value);
		}
		return out;
	}

	/** For a merge: a fresh bare registration to merge into P (a supervisor's merge of it succeeds; nobody else's). */
	private String duplicateOf(Route route, Scope scope, String suffix) {
		if (!route.key().equals("POST /patients/{id}/merge")) return "";
		String number = "DUP-" + UUID.randomUUID().toString().substring(0, 8);
		Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Duplicate" + suffix,
				new org.caremap.patient.PatientIdentifier(org.caremap.patient.IdentifierType.MR, "urn:test:walk", number, "Walker Hospital"));
		return number;
	}

	private static HttpResponse<String> send(Browserless browser, Route route, String url, String today, Map<String, String> extra) {
		return switch (route.method()) {
			case "GET" -> browser.get(url);
			case "POST" -> {
				browser.get("/login"); // any page: the session's CSRF token
				Map<String, String> fields = form(today);
				fields.putAll(extra);
				fields.values().removeIf(String::isEmpty);
				yield browser.post(url, fields);
			}
			default -> browser.send(route.method(), url);
		};
	}

	/**
	 * A refusal for who asked: 403, 401, or for someone not signed in, the way to the sign-in page. A redirect to a
	 * page that shows an error, a form shown again with its errors, or a 4xx about the request is NEUTRAL.
	 */
	private static String lastWhy = "";

	private static Outcome classify(Browserless browser, HttpResponse<String> response) {
		lastWhy = why(response);
		int status = response.statusCode();
		if (status == 403 || status == 401) return Outcome.DENY;
		String location = Browserless.location(response);
		if (status == 302 && location.matches("^(https?://[^/]+)?/(portal/)?login(\\?.*)?$")) return Outcome.DENY;
		if (status >= 400) return Outcome.NEUTRAL;
		if (status == 302) {
			HttpResponse<String> next = browser.get(location.replaceFirst("^https?://[^/]+", ""));
			lastWhy = why(next);
			if (next.statusCode() == 403) return Outcome.DENY;
			return next.body().contains("alert alert-danger") ? Outcome.NEUTRAL : Outcome.ALLOW;
		}
		return response.body().contains("alert alert-danger") ? Outcome.NEUTRAL : Outcome.ALLOW;
	}

	/**
	 * The patient portal is a separate realm: staff sessions and anonymous requests are refused every portal page but
	 * signing in and accepting an invitation (portal sessions are walked by PortalAuthorizationIT).
	 */
	private static final Set<String> PORTAL_OPEN = Set.of("GET /portal/login", "GET /portal/welcome",
			"GET /portal/welcome/{token}", "POST /portal/welcome");

	private static boolean portalRoute(Route route) {
		return route.pattern().equals("/portal") || route.pattern().startsWith("/portal/");
	}

	private static Outcome expected(Route route, Actor actor, Scope scope) {
		if (portalRoute(route)) return PORTAL_OPEN.contains(route.key()) ? Outcome.ALLOW : Outcome.DENY;
		// the organisation's provider directory, offered when a provider is linked: no patient data
		if (route.key().equals("GET /patients/{id}/providers/choices")) return SIGNED_IN.contains(actor) ? Outcome.ALLOW : Outcome.DENY;
		if (route.pattern().startsWith("/admin/")) return actor == Actor.ADMIN ? Outcome.ALLOW : Outcome.DENY;
		if (scope == Scope.NONE) return ROUTES.get(route.key()).contains(actor) ? Outcome.ALLOW : Outcome.DENY;
		if (scope == Scope.OTHER) {
			// nobody reaches patient Q; breaking the glass is how a clinical person asks to
			return route.key().equals("POST /patients/{id}/break-glass") && CLINICAL.contains(actor) ? Outcome.ALLOW : Outcome.DENY;
		}
		// the team's message threads: the case team and the supervisors (and who broke the glass), not everyone who
		// reads the record (intake, utilization review); reading them is READ, writing one CONTRIBUTE
		if (route.pattern().startsWith("/patients/{id}/messages")) {
			String need = route.method().equals("GET") ? "READ" : "CONTRIBUTE";
			return Set.of(Actor.SUPERVISOR, Actor.CASE_MANAGER, Actor.CARE_TEAM).contains(actor)
					&& ON_OWN_PATIENT.get(actor).contains(need) ? Outcome.ALLOW : Outcome.DENY;
		}
		String purpose = route.method().equals("GET") ? "READ" : PATIENT_PURPOSE.getOrDefault(route.key(), "WRITE");
		if (purpose.equals("BREAK_GLASS")) return CLINICAL.contains(actor) ? Outcome.ALLOW : Outcome.DENY;
		return ON_OWN_PATIENT.get(actor).contains(purpose) ? Outcome.ALLOW : Outcome.DENY;
	}

	private long denied(String actor) {
		return jdbc.sql("select count(*) from audit_event where actor = ? and outcome = 'DENIED'").param(actor)
			.query(Long.class).single();
	}

	/** The matrix as walked, to target/security/route-matrix.txt, and its size on the console. */
	private static void report(List<Check> checks, List<String> unclassified) throws IOException {
		Path file = Path.of("target", "security", "route-matrix.txt");
		Files.createDirectories(file.getParent());
		StringBuilder out = new StringBuilder();
		Set<String> routes = new TreeSet<>();
		for (Check c : checks) {
			routes.add(c.route().key());
			out.append(String.format("%-60s %-12s %-6s expected %-5s got %-7s %d%s %s%n", c.route().key(), c.actor(), c.scope(),
					c.expected(), c.actual(), c.status(), c.expected() == c.actual() || c.actual() == Outcome.NEUTRAL ? "" : "   <-- MISMATCH",
					c.why()));
		}
		unclassified.forEach(u -> out.append("UNCLASSIFIED ").append(u).append('\n'));
		Files.writeString(file, out);
		long mismatches = checks.stream().filter(c -> c.expected() != c.actual() && c.actual() != Outcome.NEUTRAL).count();
		long neutral = checks.stream().filter(c -> c.actual() == Outcome.NEUTRAL).count();
		System.out.printf("Security suite: %d routes x %d actors = %d route checks (%d allowed as expected, %d refused as expected, "
				+ "%d refused for what was asked, %d mismatches, %d unclassified); matrix in %s%n", routes.size(), Actor.values().length,
				checks.size(), checks.stream().filter(c -> c.actual() == Outcome.ALLOW && c.expected() == Outcome.ALLOW).count(),
				checks.stream().filter(c -> c.actual() == Outcome.DENY && c.expected() == Outcome.DENY).count(), neutral, mismatches,
				unclassified.size(), file);
	}
}
