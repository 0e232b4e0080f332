package org.caremap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.caremap.access.PatientAccess;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.caremap.notification.internal.MorningDigest;
import org.caremap.task.internal.TaskEscalationProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * E-mail leaves Caremap through a real SMTP server (GreenMail, on a free port) with {@code caremap.mail.mode=smtp}:
 * an overdue task escalated to the supervisor, and the morning digest to a case manager, are queued in the outbox,
 * sent by the outbox job over SMTP and arrive with the right recipient and subject, carrying counts only: no
 * patient's name, birth date, record number or task title.
 */
class SmtpMailIT extends IntegrationTest {

	private static final String FROM = "caremap@riverside-care.example";

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("caremap.mail.mode", () -> "smtp");
		registry.add("caremap.mail.from", () -> FROM);
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
	}

	@Autowired Tasks tasks;
	@Autowired PatientAccess access;
	@Autowired PatientRegistry patients;
	@Autowired UserAccounts accounts;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired TaskEscalationProbe escalation;
	@Autowired MorningDigest digest;

	/** The outbox rows queued since a moment, to this recipient with this subject, once the job has sent them all. */
	private List<String> sentSince(Instant since, String recipient, String subject) {
		return Eventually.value(Duration.ofMinutes(2), "the outbox job to send the e-mail to " + recipient, () -> jdbc.sql("""
				select status from email_outbox where recipient = ? and subject = ? and created_at >= ?""")
			.params(recipient, subject, java.sql.Timestamp.from(since)).query(String.class).list(),
				statuses -> !statuses.isEmpty() && statuses.stream().noneMatch("PENDING"::equals));
	}

	/** The messages GreenMail received for this recipient with this subject (waits until there are this many). */
	private List<MimeMessage> received(String recipient, String subject, int count) throws Exception {
		return Eventually.value(Duration.ofMinutes(1), count + " messages to " + recipient + " on the SMTP server", () -> {
			List<MimeMessage> found = new ArrayList<>();
			for (MimeMessage m : SMTP.getReceivedMessagesForDomain(recipient)) {
				if (subject.equals(m.getSubject()) && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Address::toString)
					.anyMatch(recipient::equals)) {
					found.add(m);
				}
			}
			return found;
		}, found -> found.size() >= count);
	}

	/** What must not be in an e-mail about this patient. */
	private List<String> patientDetails(PatientId patient) {
		PatientDetails details = SystemActor.call("test", List.of("SYSTEM"), () -> patients.details(patient).orElseThrow());
		List<String> out = new ArrayList<>(List.of(details.header().familyName(), details.header().givenName(),
				details.header().birthDate().toString(), patient.toString()));
		details.identifiers().forEach(i -> out.add(i.value()));
		return out;
	}

	private static void carriesNoPatientDetail(MimeMessage message, List<String> details) throws Exception {
		String text = message.getSubject() + "\n" + GreenMailUtil.getBody(message);
		for (String detail : details) {
			assertThat(text).as("the e-mail mentions %s", detail).doesNotContainIgnoringCase(detail);
		}
	}

	@Test
	void anEscalationReachesTheSupervisorsMailboxWithoutPatientDetails() throws Exception {
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		String supervisorMail = accounts.findByUsername("supervisor").orElseThrow().email();
		assertThat(supervisorMail).as("the demo supervisor has an e-mail address").isNotBlank();
		PatientId patient = access.patientsOf(dana).iterator().next();
		String title = "Overdue for the mail test " + UUID.randomUUID();
		Instant since = Instant.now();
		new Actors(users).run("casemanager", () -> tasks.create(new NewTask(patient, null, TaskType.OUTREACH_CALL, title, null,
				dana, null, TaskPriority.ROUTINE, null, Instant.now().minus(Duration.ofDays(3)), null)));

		escalation.sweep();
		String subject = "Caremap: overdue work on your team";
		List<String> statuses = sentSince(since, supervisorMail, subject);
		assertThat(statuses).as("sent over SMTP, not only logged").containsOnly("SENT");

		List<MimeMessage> messages = received(supervisorMail, subject, statuses.size());
		List<String> details = new ArrayList<>(patientDetails(patient));
		details.add(title);
		for (MimeMessage message : messages) {
			assertThat(message.getFrom()).extracting(Address::toString).containsExactly(FROM);
			assertThat(GreenMailUtil.getBody(message)).contains("Sign in to Caremap");
			carriesNoPatientDetail(message, details);
		}
	}

	@Test
	void theMorningDigestReachesTheCaseManagerWithCountsOnly() throws Exception {
		String username = "digest." + UUID.randomUUID().toString().substring(0, 8);
		String mail = username + "@riverside-care.example";
		UserId manager = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(username, "Digest Reader", mail,
				Set.of(Role.CASE_MANAGER), "a long and unguessable password", false))).id();
		ZoneId zone = organizations.primary().orElseThrow().zone();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Digested");
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, programs.active().get(0).id(), null, manager,
				LocalDate.now(zone), new Consent(LocalDate.now(zone), ConsentMethod.VERBAL, "Test Consenter", true, true, true, true),
				Acuity.MODERATE, "test")));
		String title = "Two days late for the digest test";
		new Actors(users).run(username, () -> tasks.create(new NewTask(patient, null, TaskType.OUTREACH_CALL, title, null, manager,
				null, TaskPriority.ROUTINE, null, Instant.now().minus(Duration.ofDays(2)), null)));
		Instant since = Instant.now();

		assertThat(digest.send()).as("digests sent").isPositive();
		String subject = "Caremap: your work today";
		assertThat(sentSince(since, mail, subject)).containsExactly("SENT");

		MimeMessage message = received(mail, subject, 1).get(0);
		String body = GreenMailUtil.getBody(message).trim();
		assertThat(body).matches("(?s)You have \\d+ due today, [1-9]\\d* overdue\\. Sign in to Caremap and open My day\\.");
		List<String> details = new ArrayList<>(patientDetails(patient));
		details.add(title);
		carriesNoPatientDetail(message, details);
	}
}
