package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.caremap.demo.DemoLogins;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.shared.PatientId;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Portal accounts over real HTTP: the portal's own sign-in, its separation from staff, lockout, language. */
class PortalAccountsIT extends IntegrationTest {

	@Autowired
	PortalAccounts accounts;

	@Autowired
	PatientRegistry patients;

	@Autowired
	Organizations organizations;

	@Autowired
	DemoLogins demo;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPatientSignsInToThePortalAndSeesTheirHome() {
		PatientId patient = PortalFixtures.patient(patients, organizations, "Okafor", "Grace", "en");
		PortalLogin login = PortalLogins.patient(accounts, patient, "Grace Okafor");
		Browserless browser = client();
		assertThat(Browserless.location(browser.get("/portal"))).endsWith("/portal/login");
		HttpResponse<String> signedIn = PortalLogins.signIn(browser, login);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(signedIn)).endsWith("/portal");
		HttpResponse<String> home = browser.get("/portal");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Hello, Grace Okafor").contains("portal-sign-out");
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'SIGN_IN' and outcome = 'SUCCESS'")
			.param("portal:" + login.accountId()).query(Long.class).single()).isEqualTo(1);

		// signing out ends the portal session
		HttpResponse<String> out = browser.post("/portal/logout", Map.of());
		assertThat(Browserless.location(out)).endsWith("/portal/login?signedOut");
		assertThat(Browserless.location(browser.get("/portal"))).endsWith("/portal/login");
	}

	@Test
	void aWrongPasswordGetsOneAnswerAndTheAccountLocksAfterRepeatedFailures() {
		PatientId patient = PortalFixtures.patient(patients, organizations, "Lindqvist", "Maja", "en");
		PortalLogin login = PortalLogins.patient(accounts, patient, "Maja Lindqvist");
		Browserless browser = client();
		for (int i = 1; i <= 5; i++) {
			HttpResponse<String> response = PortalLogins.signIn(browser, login.login(), "wrong password " + i, null);
			assertThat(Browserless.location(response)).as("attempt %d", i).endsWith("/portal/login?error=bad");
		}
		assertThat(browser.get("/portal/login?error=bad").body()).contains("is not right");
		// locked now: even the right password is refused, with the same answer
		assertThat(Browserless.location(PortalLogins.signIn(browser, login))).endsWith("/portal/login?error=bad");
		assertThat(jdbc.sql("select locked_until is not null from portal_account where id = ?").param(login.accountId())
			.query(Boolean.class).single()).isTrue();
		// an unknown login answers the same
		assertThat(Browserless.location(PortalLogins.signIn(browser, "nobody-here", "whatever it is", null)))
			.endsWith("/portal/login?error=bad");
	}

	@Test
	void theRealmsAreSeparateStaffAndPortalNeverCross() {
		PatientId patient = PortalFixtures.patient(patients, organizations, "Brennan", "Rory", "en");
		PortalLogin login = PortalLogins.patient(accounts, patient, "Rory Brennan");

		// a portal session is refused the staff pages (the home page sends the patient to the portal)
		Browserless portal = client();
		PortalLogins.signIn(portal, login);
		assertThat(Browserless.location(portal.get("/"))).endsWith("/portal");
		for (String staffPage : new String[] { "/caseload", "/patients", "/patients/" + patient.value(), "/myday",
				"/admin/users", "/team/messages", "/notifications" }) {
			assertThat(portal.get(staffPage).statusCode()).as(staffPage).isEqualTo(403);
		}
		// a portal account does not sign in on the staff page
		Browserless wrongDoor = client();
		assertThat(Browserless.location(wrongDoor.login(login.login(), login.password()))).endsWith("/login?error=bad");

		// a staff session is refused the portal, and staff credentials do not sign in to it
		Browserless staff = client();
		staff.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(staff.get("/portal").statusCode()).isEqualTo(403);
		Browserless staffAtPortal = client();
		assertThat(Browserless.location(PortalLogins.signIn(staffAtPortal, "casemanager",
				demo.password("casemanager").orElseThrow(), null))).endsWith("/portal/login?error=bad");
		assertThat(Browserless.location(staffAtPortal.get("/portal"))).endsWith("/portal/login");
	}

	@Test
	void thePortalSpeaksThePatientsPreferredLanguageAndTheSwitchIsKept() {
		PatientId patient = PortalFixtures.patient(patients, organizations, "Quispe", "Rosa", "es");
		PortalLogin login = PortalLogins.patient(accounts, patient, "Rosa Quispe");
		Browserless browser = client();
		PortalLogins.signIn(browser, login);
		HttpResponse<String> home = browser.get("/portal");
		assertThat(home.body()).contains("Hola, Rosa Quispe").contains("lang=\"es\"");
		assertThat(browser.get("/portal?lang=en").body()).contains("Hello, Rosa Quispe");
		// the choice is kept on the account for the next sign-in
		Browserless again = client();
		PortalLogins.signIn(again, login);
		assertThat(again.get("/portal").body()).contains("Hello, Rosa Quispe");
	}

	@Test
	void aProxyToldNothingSeesNothingAndAProxyWhoseContactIsToldAppointmentsSeesOnlyThat() {
		PatientId patient = PortalFixtures.patient(patients, organizations, "Haddad", "Samir", "en");
		var appointmentsOnly = PortalFixtures.contact(patients, patient, "Leila Haddad", SupportContact.Disclosure.APPOINTMENTS);
		var nothing = PortalFixtures.contact(patients, patient, "Omar Haddad", SupportContact.Disclosure.NOTHING);
		PortalLogin leila = PortalLogins.proxy(accounts, patient, appointmentsOnly, "Leila Haddad");
		PortalLogin omar = PortalLogins.proxy(accounts, patient, nothing, "Omar Haddad");
		assertThat(accounts.sections(accounts.principal(leila.accountId()).orElseThrow()))
			.containsExactly(PortalSection.APPOINTMENTS);
		assertThat(accounts.sections(accounts.principal(omar.accountId()).orElseThrow())).isEmpty();
		Browserless browser = client();
		PortalLogins.signIn(browser, omar);
		assertThat(browser.get("/portal").body()).contains("There is nothing for you to see");
	}
}
