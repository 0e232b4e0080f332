package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.caremap.demo.DemoLogins;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.platform.Languages;
import org.caremap.shared.PatientId;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.Race;
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
	void thePortalSpeaksThePatientsPreferredLanguageTheSwitchHoldsForTheVisitAndTheAccountPageKeepsIt() {
		PatientId patient = PortalFixtures.patient(patients, organizations, "Quispe", "Rosa", "es");
		PortalLogin login = PortalLogins.patient(accounts, patient, "Rosa Quispe");
		Browserless browser = client();
		PortalLogins.signIn(browser, login);
		HttpResponse<String> home = browser.get("/portal");
		assertThat(home.body()).contains("Hola, Rosa Quispe").contains("lang=\"es\"");
		assertThat(browser.get("/portal?uilang=en").body()).contains("Hello, Rosa Quispe");
		assertThat(browser.get("/portal/plan").body()).contains("lang=\"en\"");
		// a GET (a link from anywhere) changes the visit only: nothing is kept for the next sign-in
		assertThat(jdbc.sql("select count(*) from portal_account where id = ? and language is not null")
			.param(login.accountId()).query(Long.class).single()).isZero();
		Browserless again = client();
		PortalLogins.signIn(again, login);
		assertThat(again.get("/portal").body()).contains("Hola, Rosa Quispe");
		// the account page's form (a POST with its CSRF token) keeps it
		again.get("/portal/security");
		assertThat(Browserless.location(again.post("/portal/security/language", Map.of("language", "en"))))
			.endsWith("/portal/security");
		assertThat(again.get("/portal").body()).contains("Hello, Rosa Quispe");
		Browserless third = client();
		PortalLogins.signIn(third, login);
		assertThat(third.get("/portal").body()).contains("Hello, Rosa Quispe");
		assertThat(third.get("/portal/security").body()).contains("id=\"language-en\" value=\"en\" checked");
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

	@Autowired
	PortalInvitations invitations;

	private static String between(String body, String start, String end) {
		int from = body.indexOf(start);
		assertThat(from).as("page holds " + start).isGreaterThanOrEqualTo(0);
		from += start.length();
		return body.substring(from, body.indexOf(end, from)).trim();
	}

	@Test
	void theCaseManagerPrintsACodeTheInviteeOpensTheirAccountWithItOnceAndThePasswordPolicyHolds() {
		PatientId patient = PortalFixtures.demoPatientWithPlan(jdbc);
		UUID contact = PortalFixtures.contact(patients, patient, "Invitee " + UUID.randomUUID().toString().substring(0, 6),
				SupportContact.Disclosure.CARE_PLAN);
		Browserless staff = client();
		staff.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(staff.get("/patients/" + patient + "/portal").statusCode()).isEqualTo(200);
		HttpResponse<String> printed = staff.post("/patients/" + patient + "/portal/invite",
				Map.of("contact", contact.toString(), "channel", "PRINTED"));
		assertThat(printed.statusCode()).isEqualTo(200);
		String code = between(printed.body(), "id=\"invitation-code\">", "<");
		assertThat(code).matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
		// only its hash is kept
		assertThat(jdbc.sql("select count(*) from portal_invitation where code_hash = ? or code_hash = ?")
			.params(code, code.replace("-", "")).query(Long.class).single()).isZero();

		Browserless invitee = client();
		String login = "invitee-" + UUID.randomUUID().toString().substring(0, 8);
		invitee.get("/portal/welcome");
		HttpResponse<String> weak = invitee.post("/portal/welcome",
				Map.of("code", code, "login", login, "password", "short", "confirm", "short"));
		assertThat(weak.statusCode()).isEqualTo(200);
		assertThat(weak.body()).contains("The password is too short");
		HttpResponse<String> common = invitee.post("/portal/welcome",
				Map.of("code", code, "login", login, "password", "password123456", "confirm", "password123456"));
		assertThat(common.body()).contains("too common");
		String password = "river stones and lanterns";
		HttpResponse<String> done = invitee.post("/portal/welcome",
				Map.of("code", code.toLowerCase(java.util.Locale.ROOT).replace("-", " "), "login", login, "password", password,
						"confirm", password));
		assertThat(Browserless.location(done)).endsWith("/portal/login");
		// used once
		HttpResponse<String> again = invitee.post("/portal/welcome",
				Map.of("code", code, "login", login + "x", "password", password, "confirm", password));
		assertThat(again.body()).contains("This code does not work");
		assertThat(Browserless.location(PortalLogins.signIn(invitee, login, password, null))).endsWith("/portal");
		assertThat(invitee.get("/portal").body()).contains("Hello, ");
		assertThat(staff.get("/patients/" + patient + "/portal").body()).contains("Active");
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'INVITE' and resource_type = 'PortalAccount' and patient_id = ?")
			.param(patient.value()).query(Long.class).single()).isPositive();
	}

	@Test
	void anEmailedLinkOpensTheAccountAndAnExpiredOrReplacedCodeDoesNot() {
		PatientId patient = PortalFixtures.patient(patients, organizations, "Mendez", "Lucia", "es");
		String address = "lucia." + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
		PortalInvitations.Invitation first = org.caremap.shared.SystemActor.call("test", java.util.List.of("SYSTEM"),
				() -> invitations.invite(patient, null, "Lucia Mendez", PortalInvitations.Channel.EMAIL, address,
						org.caremap.platform.Languages.SPANISH));
		String mail = jdbc.sql("select body from email_outbox where recipient = ?").param(address).query(String.class).single();
		assertThat(mail).contains("/portal/welcome/" + first.code()).contains("Hola, Lucia Mendez");
		// a second invitation replaces the first
		PortalInvitations.Invitation second = org.caremap.shared.SystemActor.call("test", java.util.List.of("SYSTEM"),
				() -> invitations.invite(patient, null, "Lucia Mendez", PortalInvitations.Channel.EMAIL, address,
						org.caremap.platform.Languages.SPANISH));
		Browserless browser = client();
		String login = "lucia-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "mangos under the porch light";
		browser.get("/portal/welcome/" + first.code());
		assertThat(browser.post("/portal/welcome", Map.of("code", first.code(), "login", login, "password", password,
				"confirm", password)).body()).contains("This code does not work");
		// expired
		jdbc.sql("update portal_invitation set expires_at = now() - interval '1 minute' where id = ?").param(second.invitation()).update();
		assertThat(browser.post("/portal/welcome", Map.of("code", second.code(), "login", login, "password", password,
				"confirm", password)).body()).contains("This code does not work");
		jdbc.sql("update portal_invitation set expires_at = now() + interval '1 day' where id = ?").param(second.invitation()).update();
		HttpResponse<String> link = browser.get("/portal/welcome/" + second.code());
		assertThat(link.statusCode()).isEqualTo(200);
		assertThat(Browserless.location(browser.post("/portal/welcome", Map.of("code", second.code(), "login", login,
				"password", password, "confirm", password)))).endsWith("/portal/login");
		assertThat(Browserless.location(PortalLogins.signIn(browser, login, password, null))).endsWith("/portal");
	}

	@Test
	void aSecondFactorIsAskedOnceTurnedOnAndStaffRevokingEndsTheAccount() {
		PatientId patient = PortalFixtures.demoPatientWithPlan(jdbc);
		PortalLogin login = PortalLogins.replacing(accounts, invitations, patient, null, "Factor Patient");
		Browserless browser = client();
		PortalLogins.signIn(browser, login);
		HttpResponse<String> setup = browser.get("/portal/security");
		String secret = between(setup.body(), "id=\"totp-secret\">", "<").replace(" ", "");
		assertThat(setup.body()).contains("otpauth://totp/");
		assertThat(Browserless.location(browser.post("/portal/security/totp", Map.of("code", "000000")))).endsWith("/portal/security");
		assertThat(accounts.principal(login.accountId()).isPresent()).isTrue();
		String used = org.caremap.portal.internal.TotpCodes.now(secret);
		browser.post("/portal/security/totp", Map.of("code", used));
		assertThat(browser.get("/portal/security").body()).contains("totp-on");

		Browserless next = client();
		assertThat(Browserless.location(PortalLogins.signIn(next, login))).as("no code").endsWith("/portal/login?error=bad");
		assertThat(Browserless.location(PortalLogins.signIn(next, login.login(), login.password(), "123456")))
			.as("a wrong code").endsWith("/portal/login?error=bad");
		// the code that turned the factor on is spent; and a code that signed in once does not sign in again
		assertThat(Browserless.location(PortalLogins.signIn(next, login.login(), login.password(), used)))
			.as("the code used to turn the factor on").endsWith("/portal/login?error=bad");
		String fresh = org.caremap.portal.internal.TotpCodes.next(secret);
		assertThat(Browserless.location(PortalLogins.signIn(next, login.login(), login.password(), fresh))).endsWith("/portal");
		assertThat(Browserless.location(PortalLogins.signIn(client(), login.login(), login.password(), fresh)))
			.as("a code taken once").endsWith("/portal/login?error=bad");

		// staff end the account: its session reaches nothing from the next request, and it cannot sign in again
		Browserless staff = client();
		staff.login("casemanager", demo.password("casemanager").orElseThrow());
		staff.get("/patients/" + patient + "/portal");
		assertThat(Browserless.location(staff.post("/patients/" + patient + "/portal/" + login.accountId() + "/revoke",
				Map.of()))).endsWith("/patients/" + patient + "/portal");
		assertThat(next.get("/portal/plan").statusCode()).isEqualTo(403);
		assertThat(next.get("/portal").body()).contains("There is nothing for you to see");
		assertThat(Browserless.location(PortalLogins.signIn(client(), login.login(), login.password(),
				org.caremap.portal.internal.TotpCodes.now(secret)))).endsWith("/portal/login?error=bad");
	}

	@Test
	void aWrongPasswordWhenTurningTheSecondFactorOffCountsTowardsTheLockout() {
		PatientId patient = PortalFixtures.patient(patients, organizations, "Varga", "Ilona", "en");
		PortalLogin login = PortalLogins.patient(accounts, patient, "Ilona Varga");
		Browserless browser = client();
		PortalLogins.signIn(browser, login);
		String secret = between(browser.get("/portal/security").body(), "id=\"totp-secret\">", "<").replace(" ", "");
		browser.post("/portal/security/totp", Map.of("code", org.caremap.portal.internal.TotpCodes.now(secret)));
		assertThat(browser.get("/portal/security").body()).contains("totp-on");
		for (int i = 1; i <= 5; i++) {
			assertThat(Browserless.location(browser.post("/portal/security/totp/off", Map.of("password", "not it " + i))))
				.endsWith("/portal/security");
			assertThat(jdbc.sql("select failed_attempts from portal_account where id = ?").param(login.accountId())
				.query(Integer.class).single()).as("attempt %d counted", i).isEqualTo(i);
		}
		// locked like after five wrong sign-ins: even the right password turns nothing off, and signing in is refused
		assertThat(jdbc.sql("select locked_until is not null from portal_account where id = ?").param(login.accountId())
			.query(Boolean.class).single()).isTrue();
		browser.post("/portal/security/totp/off", Map.of("password", login.password()));
		assertThat(browser.get("/portal/security").body()).contains("totp-on");
		assertThat(Browserless.location(PortalLogins.signIn(client(), login.login(), login.password(),
				org.caremap.portal.internal.TotpCodes.next(secret)))).endsWith("/portal/login?error=bad");
		assertThat(jdbc.sql("""
				select count(*) from audit_event where actor = ? and action = 'UPDATE' and outcome in ('FAILED', 'DENIED')""")
			.param("portal:" + login.accountId()).query(Long.class).single()).isEqualTo(6);
	}

	@Test
	void twoInviteesTakingTheSameSignInNameAtOnceGetTheFieldErrorNotAStorageRefusal() throws Exception {
		PatientId first = PortalFixtures.patient(patients, organizations, "Nakamura", "Aiko", "en");
		PatientId second = PortalFixtures.patient(patients, organizations, "Nakamura", "Ren", "en");
		PortalInvitations.Invitation a = org.caremap.shared.SystemActor.call("test", java.util.List.of("SYSTEM"),
				() -> invitations.invite(first, null, "Aiko Nakamura", PortalInvitations.Channel.PRINTED, null, Languages.ENGLISH));
		PortalInvitations.Invitation b = org.caremap.shared.SystemActor.call("test", java.util.List.of("SYSTEM"),
				() -> invitations.invite(second, null, "Ren Nakamura", PortalInvitations.Channel.PRINTED, null, Languages.ENGLISH));
		String login = "nakamura-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "paper cranes over the harbour";
		// the first accept holds its new name uncommitted while the second checks the name (free) and writes it
		Race.Outcome outcome = Race.run(transactions, jdbc, "%update portal_account set login%",
				() -> invitations.accept(a.code(), login, password, null),
				() -> invitations.accept(b.code(), login, password, null));
		assertThat(outcome.first()).isEqualTo(a.account());
		assertThat(outcome.second()).isInstanceOfSatisfying(org.caremap.shared.DomainException.class,
				ex -> assertThat(ex.code()).isEqualTo("portal.login.taken"));
		// nothing of the second was kept: its invitation still opens the account under another name
		assertThat(jdbc.sql("select status from portal_account where id = ?").param(b.account()).query(String.class).single())
			.isEqualTo("INVITED");
		Browserless browser = client();
		browser.get("/portal/welcome");
		HttpResponse<String> taken = browser.post("/portal/welcome",
				Map.of("code", b.code(), "login", login, "password", password, "confirm", password));
		assertThat(taken.statusCode()).isEqualTo(200);
		assertThat(taken.body()).contains("This sign-in name is taken");
		assertThat(Browserless.location(browser.post("/portal/welcome",
				Map.of("code", b.code(), "login", login + "-2", "password", password, "confirm", password))))
			.endsWith("/portal/login");
	}

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;
}
