package org.caremap.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.appointment.internal.AppointmentReminderJob;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.ContactMethod;
import org.caremap.patient.Demographics;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reminder clock walked through time (the sweep is given the moment it runs at): nothing before the reminder
 * time, one reminder (an e-mail through the outbox and a text message) when it has come, nothing again later; none for
 * a patient who asked not to get electronic messages; and a missed visit makes one rebooking task for the case
 * manager, however often its event arrives.
 */
class AppointmentClockIT extends IntegrationTest {

	@Autowired AppointmentReminderJob.Sweep sweep;
	@Autowired Appointments appointments;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate tx;

	Actors actors;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
	}

	@Test
	void theReminderGoesOutOnceWhenItsTimeHasCome() {
		assertThat(sweep.lead()).as("the default lead time").isEqualTo(Duration.ofHours(24));
		String email = "clock-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		PatientId patient = AppointmentFixtures.enrolledPatient(actors, patients, organizations, programs, cases, accounts,
				"Clockwise", email);
		Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
		UUID id = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, start, true)));

		sweep.run(start.minus(Duration.ofHours(25)));
		assertThat(remindedAt(id)).as("25 hours before: not yet").isNull();

		Instant due = start.minus(Duration.ofHours(23));
		sweep.run(due);
		assertThat(remindedAt(id)).as("23 hours before: reminded, at the sweep's time").isEqualTo(due);

		sweep.run(start.minus(Duration.ofHours(22)));
		sweep.run(start.minus(Duration.ofMinutes(5)));
		assertThat(remindedAt(id)).as("later sweeps leave it").isEqualTo(due);

		Eventually.until("the e-mail and the text message are sent", () -> sent(id, "EMAIL") == 1 && sent(id, "SMS") == 1);
		List<String> mails = jdbc.sql("select subject || ' | ' || body from email_outbox where recipient = ?").param(email)
			.query(String.class).list();
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0)).startsWith("Reminder: your appointment on ").contains("Provider visit with Dr. Maria Alvarez")
			.contains("Suite 2, 400 Main St, Columbus").contains("Your transport is arranged. Van at 8:30")
			.doesNotContain("Heart failure review").doesNotContain("{");
		// the time is in the organisation's zone, in words
		var zone = organizations.primary().orElseThrow().zone();
		assertThat(mails.get(0)).contains(org.caremap.shared.DateTexts.dayTime(start.atZone(zone), java.util.Locale.ENGLISH));
		assertThat(jdbc.sql("select recipient from notification_appointment_reminder where appointment_id = ? and channel = 'SMS'")
			.param(id).query(String.class).single()).isEqualTo("(614) 555-0142");

		// the event delivered again (as after a crash) sends nothing twice
		AppointmentView a = actors.as("casemanager", () -> appointments.find(id).orElseThrow());
		tx.executeWithoutResult(s -> events.publishEvent(new AppointmentReminderDue(patient, id, start, a.kind(), a.who(),
				a.where(), true, a.transportNote())));
		sleepBriefly();
		assertThat(jdbc.sql("select count(*) from email_outbox where recipient = ?").param(email).query(Long.class).single()).isEqualTo(1);
		assertThat(sent(id, "SMS")).isEqualTo(1);
	}

	@Test
	void aCancelledOrMovedAppointmentAndAPatientWhoOptedOutGetNoReminder() {
		String email = "optout-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		PatientId patient = AppointmentFixtures.enrolledPatient(actors, patients, organizations, programs, cases, accounts,
				"Postonly", email);
		actors.run("supervisor", () -> patients.update(patient, new Demographics("Postonly", "Rosa", null,
				java.time.LocalDate.of(1948, 3, 9), Sex.FEMALE, "(614) 555-0142", email, "12 Elm St", "Columbus", "OH",
				"43215", "en", ContactMethod.MAIL, null, false)));
		Instant start = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.MINUTES);
		UUID kept = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, start, true)));
		UUID cancelled = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, start.plusSeconds(7200), true)));
		actors.run("casemanager", () -> appointments.apply(cancelled, AppointmentStatus.Action.CANCEL, "not needed"));
		UUID proposed = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, start.plusSeconds(3600), false)));

		sweep.run(start.minus(Duration.ofHours(1)));
		assertThat(remindedAt(kept)).as("the booked one is due").isNotNull();
		assertThat(remindedAt(cancelled)).as("a cancelled one is not reminded").isNull();
		assertThat(remindedAt(proposed)).as("a proposed one is not reminded").isNull();
		sleepBriefly();
		Eventually.until("the reminder event was handled", () -> jdbc.sql("""
				select count(*) from event_publication where completion_date is null
				  and event_type like '%AppointmentReminderDue' and serialized_event like ?""")
			.param("%" + kept + "%").query(Long.class).single() == 0);
		assertThat(sent(kept, "EMAIL") + sent(kept, "SMS")).as("the patient prefers post: no e-mail, no text").isZero();
		assertThat(jdbc.sql("select count(*) from email_outbox where recipient = ?").param(email).query(Long.class).single()).isZero();
	}

	@Test
	void aSpanishSpeakingPatientIsRemindedInSpanish() {
		String email = "recordatorio-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		PatientId patient = AppointmentFixtures.enrolledPatient(actors, patients, organizations, programs, cases, accounts,
				"Recordada", email, "es");
		Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
		UUID id = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, start, true)));
		sweep.run(start.minus(Duration.ofHours(23)));
		Eventually.until("the e-mail and the text message are sent", () -> sent(id, "EMAIL") == 1 && sent(id, "SMS") == 1);
		String mail = jdbc.sql("select subject || ' | ' || body from email_outbox where recipient = ?").param(email)
			.query(String.class).single();
		var zone = organizations.primary().orElseThrow().zone();
		String when = org.caremap.shared.DateTexts.dayTime(start.atZone(zone), java.util.Locale.forLanguageTag("es"));
		assertThat(mail).startsWith("Recordatorio: su cita del " + when).contains("Hola, Rosa:")
			.contains("Consulta con un proveedor de salud con Dr. Maria Alvarez").contains("en Suite 2, 400 Main St, Columbus")
			.contains("Su transporte está organizado. Van at 8:30").contains("llame a su administrador de casos")
			.doesNotContain("Reminder").doesNotContain("Heart failure review").doesNotContain("{");
	}

	@Test
	void aNoShowMakesOneTaskToRebookTheVisitForTheCaseManager() {
		PatientId patient = AppointmentFixtures.enrolledPatient(actors, patients, organizations, programs, cases, accounts,
				"Noshow", "noshow-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
		Instant earlier = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
		UUID id = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, earlier, true)));
		actors.run("casemanager", () -> appointments.apply(id, AppointmentStatus.Action.NO_SHOW, "not at home"));
		String source = "appointment:" + id + ":missed";
		Eventually.until("the rebooking task is made", () -> tasks(source) == 1);
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		assertThat(jdbc.sql("select owner_user_id from task where source = ?").param(source).query(UUID.class).single())
			.isEqualTo(dana.value());
		assertThat(jdbc.sql("select title from task where source = ?").param(source).query(String.class).single())
			.isEqualTo("Rebook the missed provider visit with Dr. Maria Alvarez (Riverside Primary Care)");
		// the event again (as after a crash): still one task
		AppointmentView a = actors.as("casemanager", () -> appointments.find(id).orElseThrow());
		tx.executeWithoutResult(s -> events.publishEvent(new AppointmentMissed(patient, id, a.start(), a.kind(), a.who())));
		sleepBriefly();
		assertThat(tasks(source)).isEqualTo(1);
		// and the missed visit is never reminded
		sweep.run(earlier.minus(Duration.ofHours(1)));
		assertThat(remindedAt(id)).isNull();
	}

	private long tasks(String source) {
		return jdbc.sql("select count(*) from task where source = ?").param(source).query(Long.class).single();
	}

	private long sent(UUID appointment, String channel) {
		return jdbc.sql("select count(*) from notification_appointment_reminder where appointment_id = ? and channel = ?")
			.params(appointment, channel).query(Long.class).single();
	}

	private Instant remindedAt(UUID id) {
		return jdbc.sql("select reminded_at from appointment where id = ?").param(id)
			.query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single()
			.map(OffsetDateTime::toInstant).orElse(null);
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(1500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
