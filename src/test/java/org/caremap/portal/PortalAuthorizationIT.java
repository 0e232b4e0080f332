package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.appointment.Appointments;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlans;
import org.caremap.demo.DemoLogins;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.patient.SupportNetwork;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every portal route (read from the running application's handler mappings, so a new one is walked without editing
 * this test, and one the table does not know fails it) requested as the patient, another patient, a proxy at each
 * disclosure level, a staff member and someone not signed in; and every staff route requested with a portal session.
 */
class PortalAuthorizationIT extends IntegrationTest {

	enum Actor {
		PATIENT, OTHER_PATIENT, PROXY_NOTHING, PROXY_APPOINTMENTS, PROXY_CARE_PLAN, PROXY_EVERYTHING, STAFF, ANONYMOUS
	}

	enum Outcome {
		ALLOW, DENY
	}

	/** Pages anyone may open (signing in, accepting an invitation). */
	private static final Set<String> OPEN = Set.of("GET /portal/login", "GET /portal/welcome", "GET /portal/welcome/{token}",
			"POST /portal/welcome");

	/** Pages of one section: seen by whoever may see that section. */
	private static final Map<String, PortalSection> SECTION = new LinkedHashMap<>();
	static {
		SECTION.put("GET /portal/plan", PortalSection.CARE_PLAN);
		SECTION.put("GET /portal/appointments", PortalSection.APPOINTMENTS);
		SECTION.put("GET /portal/tasks", PortalSection.TASKS);
		SECTION.put("GET /portal/medications", PortalSection.MEDICATIONS);
		SECTION.put("GET /portal/team", PortalSection.CARE_TEAM);
		SECTION.put("GET /portal/referrals", PortalSection.REFERRALS);
		SECTION.put("GET /portal/sharing", PortalSection.SHARING);
		SECTION.put("POST /portal/sharing/{contact}", PortalSection.SHARING);
		// what the patient does (PortalMessagesIT, PortalQuestionnairesIT, PortalGoalsIT look closer)
		for (String key : List.of("GET /portal/messages", "POST /portal/messages", "GET /portal/messages/{thread}",
				"POST /portal/messages/{thread}")) {
			SECTION.put(key, PortalSection.MESSAGES);
		}
		for (String key : List.of("GET /portal/questionnaires", "GET /portal/questionnaires/{id}", "POST /portal/questionnaires/{id}")) {
			SECTION.put(key, PortalSection.QUESTIONNAIRES);
		}
		// self-reported measures (MeasuresIT looks closer)
		SECTION.put("GET /portal/measures", PortalSection.MEASURES);
		SECTION.put("POST /portal/measures", PortalSection.MEASURES);
	}

	/** Pages the patient alone has (shared planning: proposing goals, answering the team's proposals), never a proxy. */
	private static final Set<String> PATIENT_ONLY = Set.of("GET /portal/goals/propose", "POST /portal/goals/propose",
			"POST /portal/goals/{plan}/items/{item}");

	/** Pages every portal session has: the home page, and the person's own sign-in security. */
	private static final Set<String> ANY_PORTAL = Set.of("GET /portal", "GET /portal/security", "POST /portal/security/totp",
			"POST /portal/security/totp/off", "POST /portal/security/language",
			// the e-mail notice of new messages: the person's own account setting
			"POST /portal/security/notices",
			// SMART patient apps: a patient's own connected apps and the consent page (a proxy is told only the
			// patient connects apps, and has none to disconnect)
			"GET /portal/apps", "GET /portal/apps/consent", "POST /portal/apps/{clientId}/disconnect");

	@Autowired
	PortalAccounts accounts;

	@Autowired
	PortalInvitations invitations;

	@Autowired
	PatientRegistry patients;

	@Autowired
	SupportNetwork network;

	@Autowired
	Organizations organizations;

	@Autowired
	CarePlans plans;

	@Autowired
	Appointments appointments;

	@Autowired
	DemoLogins demo;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private Set<PortalSection> sectionsOf(Actor actor) {
		return switch (actor) {
			case PATIENT, OTHER_PATIENT -> PortalSection.forPatient();
			case PROXY_NOTHING -> PortalSection.forProxy(SupportContact.Disclosure.NOTHING);
			case PROXY_APPOINTMENTS -> PortalSection.forProxy(SupportContact.Disclosure.APPOINTMENTS);
			case PROXY_CARE_PLAN -> PortalSection.forProxy(SupportContact.Disclosure.CARE_PLAN);
			case PROXY_EVERYTHING -> PortalSection.forProxy(SupportContact.Disclosure.EVERYTHING);
			case STAFF, ANONYMOUS -> Set.of();
		};
	}

	/**
	 * Acting on a section the person sees: marking a thing to do done needs CONTRIBUTE on the record too (the patient,
	 * a proxy told everything); a proxy told the plan reads the things to do but is refused here.
	 */
	private static final Map<String, PortalSection> ACTING = Map.of("POST /portal/tasks/{task}/done", PortalSection.TASKS);

	private Outcome expected(String key, Actor actor) {
		if (OPEN.contains(key)) return Outcome.ALLOW;
		if (ACTING.containsKey(key)) {
			boolean contributes = actor == Actor.PATIENT || actor == Actor.OTHER_PATIENT || actor == Actor.PROXY_EVERYTHING;
			return contributes && sectionsOf(actor).contains(ACTING.get(key)) ? Outcome.ALLOW : Outcome.DENY;
		}
		boolean portal = actor != Actor.STAFF && actor != Actor.ANONYMOUS;
		if (ANY_PORTAL.contains(key)) return portal ? Outcome.ALLOW : Outcome.DENY;
		if (PATIENT_ONLY.contains(key)) return actor == Actor.PATIENT || actor == Actor.OTHER_PATIENT ? Outcome.ALLOW : Outcome.DENY;
		return portal && sectionsOf(actor).contains(SECTION.get(key)) ? Outcome.ALLOW : Outcome.DENY;
	}

	private static Outcome classify(HttpResponse<String> response) {
		int status = response.statusCode();
		String location = Browserless.location(response);
		if (status == 403 || status == 401) return Outcome.DENY;
		if (status == 302 && location.matches("^(https?://[^/]+)?/(portal/)?login(\\?.*)?$")) return Outcome.DENY;
		return Outcome.ALLOW;
	}

	private record Route(String method, String pattern) {
		String key() {
			return method + " " + pattern;
		}
	}

	private List<Route> routes(boolean portal) {
		List<Route> out = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/error") || pattern.startsWith("/portal") != portal) continue;
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					out.add(new Route(method.name(), pattern));
				}
			}
		}
		out.sort(java.util.Comparator.comparing(Route::key));
		return out;
	}

	private static HttpResponse<String> send(Browserless browser, Route route, String url) {
		return switch (route.method()) {
			case "GET" -> browser.get(url);
			case "POST" -> {
				browser.get("/portal/login"); // any page: the session's CSRF token
				yield browser.post(url, Map.of("level", "NOTHING", "code", "000000", "password", "not it", "login", "",
						"confirm", ""));
			}
			default -> browser.send(route.method(), url);
		};
	}

	@Test
	void everyPortalRouteServesOnlyWhoMaySeeItAndStaffRoutesRefusePortalSessions() {
		PatientId own = PortalFixtures.demoPatientWithPlan(jdbc);
		PatientId other = PortalFixtures.patient(patients, organizations, "Vance", "Other", "en");
		Map<Actor, PortalLogin> logins = new EnumMap<>(Actor.class);
		logins.put(Actor.PATIENT, PortalLogins.replacing(accounts, invitations, own, null, "Walk Patient"));
		logins.put(Actor.OTHER_PATIENT, PortalLogins.patient(accounts, other, "Other Vance"));
		for (SupportContact.Disclosure level : SupportContact.Disclosure.values()) {
			UUID contact = PortalFixtures.contact(patients, own, "Walk Proxy " + level + " " + UUID.randomUUID().toString().substring(0, 6), level);
			logins.put(Actor.valueOf("PROXY_" + level), PortalLogins.proxy(accounts, own, contact, "Proxy " + level));
		}
		Map<Actor, Browserless> sessions = new EnumMap<>(Actor.class);
		for (Actor actor : Actor.values()) {
			Browserless browser = client();
			if (logins.containsKey(actor)) {
				assertThat(Browserless.location(PortalLogins.signIn(browser, logins.get(actor)))).as(actor.name()).endsWith("/portal");
			}
			if (actor == Actor.STAFF) browser.login("casemanager", demo.password("casemanager").orElseThrow());
			sessions.put(actor, browser);
		}

		List<String> unclassified = new ArrayList<>();
		List<String> wrong = new ArrayList<>();
		List<String> serverErrors = new ArrayList<>();
		int checks = 0;
		for (Route route : routes(true)) {
			if (!OPEN.contains(route.key()) && !ANY_PORTAL.contains(route.key()) && !SECTION.containsKey(route.key())
					&& !ACTING.containsKey(route.key())
					&& !PATIENT_ONLY.contains(route.key())) {
				unclassified.add(route.key());
				continue;
			}
			for (Actor actor : Actor.values()) {
				String url = route.pattern().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
				HttpResponse<String> response = send(sessions.get(actor), route, url);
				checks++;
				if (response.statusCode() >= 500) serverErrors.add(route.key() + " as " + actor);
				Outcome actual = classify(response);
				Outcome expected = expected(route.key(), actor);
				if (actual != expected) {
					wrong.add(route.key() + " as " + actor + ": expected " + expected + ", got " + response.statusCode() + " "
							+ Browserless.location(response));
				}
			}
		}
		assertThat(unclassified).as("portal routes this test does not classify").isEmpty();
		assertThat(serverErrors).as("responses of 500 or more").isEmpty();
		assertThat(wrong).as("unexpected answers").isEmpty();
		assertThat(checks).isGreaterThan(80);

		// the other patient's pages never show this patient's plan
		CarePlanContent.Goal goal = SystemActor.call("test", List.of("SYSTEM"), () -> plans.ofPatient(own)).stream()
			.filter(p -> "ACTIVE".equals(p.status())).findFirst().orElseThrow().content().goals().stream()
			.filter(g -> g.lifecycle() != CarePlanContent.Lifecycle.CANCELLED).findFirst().orElseThrow();
		String goalText = org.springframework.web.util.HtmlUtils.htmlEscape(goal.text());
		assertThat(sessions.get(Actor.PATIENT).get("/portal/plan").body()).contains(goalText);
		assertThat(sessions.get(Actor.PROXY_CARE_PLAN).get("/portal/plan").body()).contains(goalText);
		assertThat(sessions.get(Actor.OTHER_PATIENT).get("/portal/plan").body()).doesNotContain(goalText).contains("plan-none");

		// another patient cannot change who sees this patient's care
		UUID proxyContact = logins.get(Actor.PROXY_EVERYTHING) == null ? null
				: accounts.principal(logins.get(Actor.PROXY_EVERYTHING).accountId()).orElseThrow().supportContact();
		Browserless intruder = sessions.get(Actor.OTHER_PATIENT);
		intruder.get("/portal/sharing");
		intruder.post("/portal/sharing/" + proxyContact, Map.of("level", "NOTHING"));
		assertThat(network.disclosure(own, proxyContact)).contains(SupportContact.Disclosure.EVERYTHING);

		// a proxy's sessions follow the patient's choice at once: the patient stops sharing, the plan is refused
		Browserless patient = sessions.get(Actor.PATIENT);
		patient.get("/portal/sharing");
		assertThat(Browserless.location(patient.post("/portal/sharing/" + proxyContact, Map.of("level", "APPOINTMENTS"))))
			.endsWith("/portal/sharing");
		assertThat(network.disclosure(own, proxyContact)).contains(SupportContact.Disclosure.APPOINTMENTS);
		assertThat(sessions.get(Actor.PROXY_EVERYTHING).get("/portal/plan").statusCode()).isEqualTo(403);
		assertThat(sessions.get(Actor.PROXY_EVERYTHING).get("/portal/appointments").statusCode()).isEqualTo(200);

		// every staff route refuses a portal session (the home page sends the patient to the portal)
		List<String> staffAllowed = new ArrayList<>();
		int staffChecks = 0;
		for (Route route : routes(false)) {
			String url = route.pattern().replaceFirst("^/patients/\\{[^}]+}", "/patients/" + own)
				.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
			HttpResponse<String> response = send(patient, route, url);
			staffChecks++;
			if (response.statusCode() >= 500) serverErrors.add(route.key() + " as a portal session");
			boolean open = route.key().equals("GET /login") || route.pattern().startsWith("/community/answer/");
			boolean home = route.key().equals("GET /") && Browserless.location(response).endsWith("/portal");
			if (!open && !home && classify(response) == Outcome.ALLOW) staffAllowed.add(route.key() + " " + response.statusCode());
		}
		assertThat(serverErrors).as("responses of 500 or more").isEmpty();
		assertThat(staffAllowed).as("staff routes that served a portal session").isEmpty();
		assertThat(staffChecks).isGreaterThan(200);
	}
}
