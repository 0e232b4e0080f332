package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.Appointments;
import org.caremap.appointment.NewAppointment;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.task.internal.Discharges.Discharge;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The appointment module's events, heard by the task module, over real parts: after a hospital discharge, booking a
 * provider visit books the transition's visit (a test does not), cancelling it withdraws it, keeping the next one
 * meets the visit step and completes its task; a missed visit makes a task to rebook it that the next booking of the
 * same kind completes.
 */
class AppointmentWorkIT extends IntegrationTest {

	@Autowired ApplicationContext context;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired Appointments appointments;
	@Autowired JdbcClient jdbc;
	@Autowired UserDetailsService users;

	/** A patient enrolled with the demo case manager, discharged an hour ago (an A01 and an A03 over MLLP). */
	private Discharge discharged(String family) throws Exception {
		return new Discharges(context).discharged(family);
	}

	private NewAppointment of(PatientId patient, AppointmentKind kind, Instant start) {
		return new NewAppointment(patient, kind, kind == AppointmentKind.PROVIDER_VISIT ? "Dr. Maria Alvarez" : null,
				"Riverside Primary Care", null, null, start, start.plusSeconds(1800), null, false, false, null, false, null, true);
	}

	private UUID bookedAppointment(UUID encounter) {
		return jdbc.sql("select visit_appointment from care_transition where encounter_id = ?").param(encounter)
			.query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, UUID.class))).single().orElse(null);
	}

	@Test
	void aProviderVisitBookedCancelledAndKeptFillsTheTransitionsVisitStep() throws Exception {
		Discharge d = discharged("Apptwork");
		Actors actors = new Actors(users);
		Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
		UUID visit = actors.as("casemanager", () -> appointments.record(of(d.patient(), AppointmentKind.PROVIDER_VISIT, start)));
		Eventually.until("the visit is booked on the transition", () -> visit.equals(bookedAppointment(d.encounter())));
		assertThat(jdbc.sql("select visit_booking from care_transition where encounter_id = ?").param(d.encounter())
			.query(String.class).single()).startsWith("Visit on ").endsWith("with Dr. Maria Alvarez (Riverside Primary Care)");

		// a test is not the face-to-face visit
		UUID test = actors.as("casemanager", () -> appointments.record(of(d.patient(), AppointmentKind.TEST, start.plusSeconds(7200))));
		actors.run("casemanager", () -> appointments.apply(visit, AppointmentStatus.Action.CANCEL, "clinic closed"));
		Eventually.until("the cancelled visit is no longer booked", () -> bookedAppointment(d.encounter()) == null);
		assertThat(test).isNotEqualTo(visit);

		Instant soon = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
		UUID kept = actors.as("casemanager", () -> appointments.record(of(d.patient(), AppointmentKind.PROVIDER_VISIT, soon)));
		Eventually.until("the new visit is booked", () -> kept.equals(bookedAppointment(d.encounter())));
		actors.run("casemanager", () -> appointments.apply(kept, AppointmentStatus.Action.ARRIVE, null));
		Eventually.until("the visit step is met and its task completed", () -> "COMPLETED".equals(jdbc
			.sql("select status from task where source = ?").param(TransitionWork.source(d.encounter(), "visit"))
			.query(String.class).single()));
		assertThat(jdbc.sql("select visit_met_at from care_transition where encounter_id = ?").param(d.encounter())
			.query((rs, n) -> rs.getTimestamp(1).toInstant()).single()).isEqualTo(soon);
	}

	@Test
	void theTaskToRebookAMissedVisitIsCompletedByTheNextBookingOfTheSameKind() throws Exception {
		Discharge d = discharged("Rebook");
		Actors actors = new Actors(users);
		Instant earlier = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
		UUID missed = actors.as("casemanager", () -> appointments.record(of(d.patient(), AppointmentKind.PROVIDER_VISIT, earlier)));
		actors.run("casemanager", () -> appointments.apply(missed, AppointmentStatus.Action.NO_SHOW, null));
		String source = AppointmentWork.missedSource(missed);
		Eventually.until("the task to rebook", () -> "READY".equals(status(source)));
		Eventually.until("the missed visit is no longer booked", () -> bookedAppointment(d.encounter()) == null);

		// another kind does not complete it; the same kind does
		UUID test = actors.as("casemanager", () -> appointments.record(of(d.patient(), AppointmentKind.TEST,
				Instant.now().plus(Duration.ofDays(1)))));
		Eventually.until("the test's booking was heard", () -> jdbc.sql("""
				select count(*) from event_publication where completion_date is null and serialized_event like ?""")
			.param("%" + test + "%").query(Long.class).single() == 0);
		assertThat(status(source)).as("a test does not rebook a provider visit").isEqualTo("READY");
		UUID again = actors.as("casemanager", () -> appointments.record(of(d.patient(), AppointmentKind.PROVIDER_VISIT,
				Instant.now().plus(Duration.ofDays(2)))));
		Eventually.until("the rebooking completes the task", () -> "COMPLETED".equals(status(source)));
		assertThat(jdbc.sql("select count(*) from task_step where task_id = (select id from task where source = ?)").param(source)
			.query(Long.class).single()).isPositive();
		assertThat(test).isNotEqualTo(again);

		// its description and the note that closed it are texts of the bundle: each reader reads them in their language
		UUID id = jdbc.sql("select id from task where source = ?").param(source).query(UUID.class).single();
		assertThat(jdbc.sql("select description from task where id = ?").param(id).query(String.class).single())
			.as("the English words are kept").startsWith("The patient did not come on ");
		java.time.ZonedDateTime at = earlier.atZone(organizations.primary().orElseThrow().zone());
		java.util.Locale es = java.util.Locale.forLanguageTag("es");
		org.caremap.task.TaskView spanish = readIn(actors, es, id);
		assertThat(spanish.description()).isEqualTo(messages.getMessage("task.description.missedAppointment",
				new Object[] { org.caremap.shared.DateTexts.dayTime(at, es) }, es)).startsWith("El paciente no vino el ");
		assertThat(spanish.outcome()).startsWith("Cita nueva para el ").contains("Dr. Maria Alvarez");
		org.caremap.task.TaskView english = readIn(actors, java.util.Locale.ENGLISH, id);
		assertThat(english.description()).isEqualTo("The patient did not come on "
				+ org.caremap.shared.DateTexts.dayTime(at, java.util.Locale.ENGLISH) + ".");
		assertThat(english.outcome()).startsWith("Booked again for ");
	}

	@Autowired org.caremap.task.Tasks tasks;
	@Autowired org.springframework.context.MessageSource messages;

	private org.caremap.task.TaskView readIn(Actors actors, java.util.Locale locale, UUID id) {
		org.springframework.context.i18n.LocaleContextHolder.setLocale(locale);
		try {
			return actors.as("casemanager", () -> tasks.find(new org.caremap.task.TaskId(id)).orElseThrow());
		}
		finally {
			org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
		}
	}

	private String status(String source) {
		return jdbc.sql("select status from task where source = ?").param(source).query(String.class).optional().orElse(null);
	}
}
