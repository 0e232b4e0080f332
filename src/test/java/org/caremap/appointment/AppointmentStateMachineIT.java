package org.caremap.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Every appointment status and every action, against a transition table written here. */
class AppointmentStateMachineIT extends IntegrationTest {

	enum Action { BOOK, ARRIVE, NO_SHOW, CANCEL, RESCHEDULE }

	/** status -> action -> resulting status; absent = refused. */
	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("PROPOSED", Map.of(Action.BOOK, "BOOKED", Action.CANCEL, "CANCELLED", Action.RESCHEDULE, "RESCHEDULED"));
		TABLE.put("BOOKED", Map.of(Action.ARRIVE, "ARRIVED", Action.NO_SHOW, "NO_SHOW", Action.CANCEL, "CANCELLED",
				Action.RESCHEDULE, "RESCHEDULED"));
		TABLE.put("ARRIVED", Map.of());
		TABLE.put("NO_SHOW", Map.of());
		TABLE.put("CANCELLED", Map.of());
		TABLE.put("RESCHEDULED", Map.of());
	}

	@Autowired Appointments appointments;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired MessageSource messages;
	@Autowired JdbcClient jdbc;

	Actors actors;
	PatientId patient;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		patient = AppointmentFixtures.enrolledPatient(actors, patients, organizations, programs, cases, accounts, "Statewalk",
				"statewalk@example.org");
	}

	@Test
	void everyStatusAndActionFollowsTheTable() {
		int checked = 0;
		for (var row : TABLE.entrySet()) {
			for (Action action : Action.values()) {
				UUID id = reach(row.getKey());
				String expected = row.getValue().get(action);
				String cell = row.getKey() + " --" + action + "--> " + (expected == null ? "refused" : expected);
				int versionBefore = version(id);
				long auditBefore = audited(id);
				try {
					actors.run("casemanager", () -> perform(action, id));
					if (expected == null) fail("allowed but the table refuses it: " + cell);
					assertThat(version(id)).as("changed once for " + cell).isEqualTo(versionBefore + 1);
					assertThat(audited(id)).as("audited for " + cell).isGreaterThan(auditBefore);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " (" + ex.getMessage() + ")");
					assertThat(ex.code()).as(cell).isEqualTo("appointment.illegal-transition");
					String text = messages.getMessage("error." + ex.code(), ex.arguments(), Locale.ENGLISH);
					assertThat(text).as(cell).startsWith("This appointment is ").doesNotContain("{");
					assertThat(version(id)).as("nothing written for " + cell).isEqualTo(versionBefore);
				}
				assertThat(status(id)).as(cell).isEqualTo(expected == null ? row.getKey() : expected);
				checked++;
			}
		}
		assertThat(checked).isEqualTo(TABLE.size() * Action.values().length);
		// the module's own table agrees with the one written here
		for (AppointmentStatus.Action a : AppointmentStatus.Action.values()) {
			for (AppointmentStatus s : AppointmentStatus.values()) {
				String expected = TABLE.get(s.name()).get(Action.valueOf(a.name()));
				assertThat(a.allowedFrom(s) ? a.to().name() : null).as(s + " " + a).isEqualTo(expected);
			}
		}
	}

	@Test
	void aRescheduledAppointmentNamesTheNewOneWhichIsBookedWithTheSameDetails() {
		UUID old = reach("BOOKED");
		Instant later = Instant.now().plus(Duration.ofDays(9)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		UUID moved = actors.as("casemanager", () -> appointments.reschedule(old, later, later.plusSeconds(2700), "patient asked"));
		AppointmentView before = actors.as("casemanager", () -> appointments.find(old).orElseThrow());
		AppointmentView after = actors.as("casemanager", () -> appointments.find(moved).orElseThrow());
		assertThat(before.status()).isEqualTo(AppointmentStatus.RESCHEDULED);
		assertThat(before.rescheduledTo()).isEqualTo(moved);
		assertThat(before.statusNote()).isEqualTo("patient asked");
		assertThat(after.status()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(after.start()).isEqualTo(later);
		assertThat(after.minutes()).isEqualTo(45);
		assertThat(after.who()).isEqualTo(before.who());
		assertThat(after.transportArranged()).as("transport is arranged again for the new time").isFalse();
	}

	@Test
	void changingTheDetailsKeepsTheStatusMovesTheReminderAndRefusesAStaleForm() {
		UUID id = reach("BOOKED");
		jdbc.sql("update appointment set reminded_at = now() where id = ?").param(id).update();
		AppointmentView before = actors.as("casemanager", () -> appointments.find(id).orElseThrow());
		Instant later = before.start().plus(Duration.ofDays(1));
		NewAppointment moved = new NewAppointment(patient, AppointmentKind.PROVIDER_VISIT, "Dr. Helen Park", null, "Suite 4", null,
				later, later.plusSeconds(3600), "Review", false, false, null, true, "Somali", true);
		actors.run("casemanager", () -> appointments.change(id, moved, before.version()));
		AppointmentView after = actors.as("casemanager", () -> appointments.find(id).orElseThrow());
		assertThat(after.status()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(after.start()).isEqualTo(later);
		assertThat(after.who()).isEqualTo("Dr. Helen Park");
		assertThat(after.interpreterLanguage()).isEqualTo("Somali");
		assertThat(after.remindedAt()).as("a new time is reminded again").isNull();
		assertThat(after.version()).isEqualTo(before.version() + 1);
		// the form the other person still had open
		assertThatThrownBy(() -> actors.run("casemanager", () -> appointments.change(id, moved, before.version())))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("appointment.stale");
		// a proposed one is booked by its form
		UUID proposed = reach("PROPOSED");
		int version = version(proposed);
		actors.run("casemanager", () -> appointments.change(proposed, AppointmentFixtures.visit(patient, later, true), version));
		assertThat(status(proposed)).isEqualTo("BOOKED");
		// a closed one cannot be changed
		UUID kept = reach("ARRIVED");
		assertThatThrownBy(() -> actors.run("casemanager", () -> appointments.change(kept, moved, version(kept))))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("appointment.closed");
	}

	@Test
	void twoPeopleMarkingTheSameVisitAtOnceCannotBothSucceed() throws Exception {
		for (int round = 0; round < 5; round++) {
			UUID id = reach("BOOKED");
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Future<Boolean>> results = new ArrayList<>();
				for (AppointmentStatus.Action a : List.of(AppointmentStatus.Action.ARRIVE, AppointmentStatus.Action.NO_SHOW)) {
					Callable<Boolean> work = () -> {
						start.await();
						try {
							actors.run("casemanager", () -> appointments.apply(id, a, null));
							return true;
						}
						catch (DomainException ex) {
							return false;
						}
					};
					results.add(pool.submit(work));
				}
				start.countDown();
				int won = 0;
				for (Future<Boolean> r : results) won += r.get() ? 1 : 0;
				assertThat(won).as("exactly one of arrived and no-show wins").isEqualTo(1);
				assertThat(status(id)).isIn("ARRIVED", "NO_SHOW");
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void someoneWhoDoesNotCareForThePatientCannotReadOrChangeTheirAppointments() {
		UUID id = reach("BOOKED");
		long deniedBefore = jdbc.sql("select count(*) from audit_event where actor = 'casemanager2' and outcome = 'DENIED'")
			.query(Long.class).single();
		assertThatThrownBy(() -> actors.run("casemanager2", () -> appointments.apply(id, AppointmentStatus.Action.ARRIVE, null)))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.run("casemanager2", () -> appointments.ofPatient(patient)))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.run("careteam", () -> appointments.record(AppointmentFixtures.visit(patient,
				Instant.now().plus(Duration.ofDays(3)), true)))).isInstanceOf(AccessDeniedException.class);
		assertThat(status(id)).isEqualTo("BOOKED");
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'casemanager2' and outcome = 'DENIED'")
			.query(Long.class).single()).isGreaterThanOrEqualTo(deniedBefore + 2);
	}

	@Test
	void badDetailsAreRefusedWithTheirOwnCodeAndNothingIsWritten() {
		long before = count();
		Instant t = Instant.now().plus(Duration.ofDays(2));
		assertThatThrownBy(() -> new NewAppointment(patient, AppointmentKind.TEST, null, " ", null, null, t, t.plusSeconds(60),
				null, false, false, null, false, null, true)).isInstanceOf(DomainException.class).hasMessageContaining("practitioner or an organisation");
		assertThatThrownBy(() -> new NewAppointment(patient, AppointmentKind.TEST, "Dr. A", null, null, null, t, t, null, false,
				false, null, false, null, true)).isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code())
			.isEqualTo("appointment.ends-before");
		NewAppointment tooLong = new NewAppointment(patient, AppointmentKind.TEST, "Dr. A".repeat(50), null, null, null, t,
				t.plusSeconds(60), null, false, false, null, false, null, true);
		assertThatThrownBy(() -> actors.run("casemanager", () -> appointments.record(tooLong))).isInstanceOf(RuntimeException.class);
		assertThat(count()).isEqualTo(before);
	}

	private long count() {
		return jdbc.sql("select count(*) from appointment where patient_id = ?").param(patient.value()).query(Long.class).single();
	}

	private void perform(Action action, UUID id) {
		if (action == Action.RESCHEDULE) {
			Instant later = Instant.now().plus(Duration.ofDays(10));
			appointments.reschedule(id, later, later.plusSeconds(1800), null);
		}
		else appointments.apply(id, AppointmentStatus.Action.valueOf(action.name()), null);
	}

	private UUID reach(String status) {
		Instant start = Instant.now().plus(Duration.ofDays(5));
		UUID id = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, start, !status.equals("PROPOSED"))));
		switch (status) {
			case "PROPOSED", "BOOKED" -> { }
			case "ARRIVED" -> actors.run("casemanager", () -> appointments.apply(id, AppointmentStatus.Action.ARRIVE, null));
			case "NO_SHOW" -> actors.run("casemanager", () -> appointments.apply(id, AppointmentStatus.Action.NO_SHOW, null));
			case "CANCELLED" -> actors.run("casemanager", () -> appointments.apply(id, AppointmentStatus.Action.CANCEL, "not needed"));
			case "RESCHEDULED" -> actors.run("casemanager", () -> appointments.reschedule(id, start.plus(Duration.ofDays(1)),
					start.plus(Duration.ofDays(1)).plusSeconds(1800), null));
			default -> throw new IllegalArgumentException(status);
		}
		assertThat(status(id)).isEqualTo(status);
		return id;
	}

	private String status(UUID id) {
		return jdbc.sql("select status from appointment where id = ?").param(id).query(String.class).single();
	}

	private int version(UUID id) {
		return jdbc.sql("select version from appointment where id = ?").param(id).query(Integer.class).single();
	}

	private long audited(UUID id) {
		return jdbc.sql("select count(*) from audit_event where resource_type = 'Appointment' and resource_id = ?")
			.param(id.toString()).query(Long.class).single();
	}
}
