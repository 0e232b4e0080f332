package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.caremap.team.PatientMessages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The care team writes in a thread shared with the patient: the patient and the proxy told everything get one e-mail
 * each (in their language, nothing about the patient or the message), a proxy told the plan gets none, an account that
 * turned the notices off gets none; the portal counts the team's messages not yet read until the thread is opened.
 */
class PortalMessageNoticeIT extends IntegrationTest {

	@Autowired PortalAccounts accounts;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts users;
	@Autowired UserDetailsService details;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;
	@Autowired PatientMessages messages;

	private Browserless portal(PortalLogin login) {
		return portalClient(login);
	}

	private void address(PortalLogin login, String email) {
		jdbc.sql("update portal_account set email = ? where id = ?").params(email, login.accountId()).update();
	}

	private long mails(String recipient) {
		return jdbc.sql("select count(*) from email_outbox where recipient = ?").param(recipient).query(Long.class).single();
	}

	@Test
	void theTeamWritesThePatientAndTheFamilyWhoSeeMessagesAreToldOnceWithoutDetailsAndTheUnreadCountFalls() {
		String family = "Notice" + UUID.randomUUID().toString().substring(0, 6);
		PatientId patient = PortalFixtures.patient(patients, organizations, family, "Lupe", "es");
		PortalWorkFixtures.onDanasCaseload(programs, cases, users, details, patient);
		PortalLogin lupe = PortalLogins.patient(accounts, patient, "Lupe " + family);
		UUID daughterContact = PortalFixtures.contact(patients, patient, "Sofia Everything", SupportContact.Disclosure.EVERYTHING);
		UUID sonContact = PortalFixtures.contact(patients, patient, "Marco Planonly", SupportContact.Disclosure.CARE_PLAN);
		PortalLogin daughter = PortalLogins.proxy(accounts, patient, daughterContact, "Sofia Everything");
		PortalLogin son = PortalLogins.proxy(accounts, patient, sonContact, "Marco Planonly");
		String lupeMail = family.toLowerCase() + "-lupe@example.org";
		String daughterMail = family.toLowerCase() + "-sofia@example.org";
		String sonMail = family.toLowerCase() + "-marco@example.org";
		address(lupe, lupeMail);
		address(daughter, daughterMail);
		address(son, sonMail);
		jdbc.sql("update portal_account set language = 'en' where id = ?").param(daughter.accountId()).update();

		// the case manager writes to the patient
		Browserless dana = client();
		dana.login("casemanager", demo.password("casemanager").orElseThrow());
		String p = patient.value().toString();
		dana.get("/patients/" + p + "/messages");
		HttpResponse<String> shared = dana.post("/patients/" + p + "/messages",
				Map.of("title", "Your lab results " + family, "text", "Your A1c came back at 7.9.", "withPatient", "true"));
		String location = Browserless.location(shared);
		UUID thread = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

		Eventually.until(Duration.ofMinutes(1), "the patient and the daughter were told", () -> mails(lupeMail) == 1 && mails(daughterMail) == 1);
		String toLupe = jdbc.sql("select subject || ' ' || body from email_outbox where recipient = ?").param(lupeMail).query(String.class).single();
		String toDaughter = jdbc.sql("select subject || ' ' || body from email_outbox where recipient = ?").param(daughterMail).query(String.class).single();
		// in each reader's language, with where to sign in, and nothing about the patient or the message
		assertThat(toLupe).contains("Tiene un mensaje nuevo").contains("/portal/messages");
		assertThat(toDaughter).contains("You have a new message").contains("/portal/messages");
		for (String mail : new String[] { toLupe, toDaughter }) {
			assertThat(mail).doesNotContain(family).doesNotContain("A1c").doesNotContain("lab results").doesNotContain(p);
		}
		assertThat(mails(sonMail)).isZero();
		// once per message and account
		UUID message = jdbc.sql("select id from message where thread_id = ?").param(thread).query(UUID.class).single();
		assertThat(jdbc.sql("select count(*) from portal_message_notice where message_id = ?").param(message).query(Long.class).single())
			.isEqualTo(2);

		// the portal counts what the patient has not read, until the thread is opened
		Browserless me = portal(lupe);
		assertThat(me.get("/portal").body()).contains("id=\"count-MESSAGES\"").contains("1 mensaje nuevo");
		assertThat(me.get("/portal/messages").body()).contains("id=\"unread-" + thread + "\"");
		assertThat(PortalWorkFixtures.asPortal(accounts, lupe, () -> messages.unread(patient))).isOne();
		me.get("/portal/messages/" + thread);
		assertThat(PortalWorkFixtures.asPortal(accounts, lupe, () -> messages.unread(patient))).isZero();
		assertThat(me.get("/portal").body()).doesNotContain("id=\"count-MESSAGES\"");
		assertThat(me.get("/portal/messages").body()).doesNotContain("id=\"unread-" + thread + "\"");
		// the daughter's count is her own: still unread for her
		assertThat(PortalWorkFixtures.asPortal(accounts, daughter, () -> messages.unread(patient))).isOne();

		// the patient turns the e-mails off on the account page; the next answer tells only the daughter
		assertThat(me.get("/portal/security").body()).contains("id=\"message-notices\"");
		assertThat(Browserless.location(me.post("/portal/security/notices", Map.of("on", "false")))).endsWith("/portal/security");
		assertThat(jdbc.sql("select message_notices from portal_account where id = ?").param(lupe.accountId()).query(Boolean.class).single())
			.isFalse();
		dana.get("/patients/" + p + "/messages/" + thread);
		dana.post("/patients/" + p + "/messages/" + thread, Map.of("text", "Please call me about it."));
		Eventually.until(Duration.ofMinutes(1), "the daughter was told of the answer", () -> mails(daughterMail) == 2);
		assertThat(mails(lupeMail)).isOne();
		assertThat(PortalWorkFixtures.asPortal(accounts, lupe, () -> messages.unread(patient))).isOne();
		assertThat(mails(sonMail)).isZero();
	}
}
