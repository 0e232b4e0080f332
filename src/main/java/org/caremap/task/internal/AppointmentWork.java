package org.caremap.task.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.caremap.appointment.AppointmentBooked;
import org.caremap.appointment.AppointmentCancelled;
import org.caremap.appointment.AppointmentKept;
import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentMissed;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.Appointments;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.organization.Organizations;
import org.caremap.shared.DateTexts;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work appointments make, from the appointment module's events:
 * <ul>
 * <li>a missed appointment (no-show): a call to rebook it, for the case manager of the patient's open case, due
 * within 2 business days; and a missed face-to-face visit no longer counts as booked for the patient's transition;</li>
 * <li>a booked face-to-face visit is the visit booked for the patient's open transition; a cancelled (or moved) one
 * no longer is;</li>
 * <li>a kept face-to-face visit meets the transition's visit step (its task is completed);</li>
 * <li>a new booking of the kind the patient missed completes the task to rebook it.</li>
 * </ul>
 * Only provider visits count as the face-to-face visit. Each listener runs after the appointment's transaction
 * committed and may run again after a crash: the rebooking task is keyed by {@code appointment:<id>:missed}, and the
 * transition's records are keyed by the appointment, so nothing is made twice.
 */
@Component
class AppointmentWork {

	private static final String ACTOR = "appointment-work";

	private final JdbcTasks tasks;
	private final TransitionWork transitions;
	private final Cases cases;
	private final Organizations organizations;
	private final Appointments appointments;
	private final JdbcClient jdbc;

	AppointmentWork(JdbcTasks tasks, TransitionWork transitions, Cases cases, Organizations organizations,
			Appointments appointments, JdbcClient jdbc) {
		this.appointments = appointments;
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.transitions = transitions;
		this.cases = cases;
		this.organizations = organizations;
	}

	static String missedSource(java.util.UUID appointment) {
		return "appointment:" + appointment + ":missed";
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneOffset.UTC);
	}

	private String day(Instant at) {
		return DateTexts.dayTime(at.atZone(zone()), Locale.ENGLISH);
	}

	private static String kind(AppointmentKind kind) {
		return kind.label().toLowerCase(Locale.ENGLISH);
	}

	private Optional<CaseView> openCase(PatientId patient) {
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED).findFirst();
	}

	@ApplicationModuleListener
	void on(AppointmentMissed event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = missedSource(event.appointment());
			tasks.holdSource(source);
			if (event.kind().faceToFace()) {
				transitions.visitBooked(event.patient(), event.appointment(), null,
						"Missed " + kind(event.kind()) + " on " + day(event.start()) + " with " + event.with());
			}
			if (tasks.madeFrom(source)) return;
			openCase(event.patient()).ifPresent(kase -> {
				var org = organizations.primary().orElseThrow();
				Instant due = organizations.calendar(org.id()).endOfBusinessDaysAfter(Instant.now(), 2);
				tasks.create(new NewTask(event.patient(), kase.id(), TaskType.OUTREACH_CALL,
						"Rebook the missed " + kind(event.kind()) + " with " + event.with(),
						null, kase.caseManager(), null,
						event.kind().faceToFace() ? TaskPriority.URGENT : TaskPriority.ROUTINE, null, due, source)
					.titled("task.title.rebook." + event.kind().name(), event.with())
					.described("task.description.missedAppointment", TaskText.argument(event.start().atZone(zone()))));
			});
		});
	}

	@ApplicationModuleListener
	void on(AppointmentBooked event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			if (event.kind().faceToFace()) {
				transitions.visitBooked(event.patient(), event.appointment(), event.start(),
						"Visit on " + day(event.start()) + " with " + event.with());
				// The booking's listener may run after the one of its no-show or cancellation (each runs on its own
				// after its commit): read the appointment after the update, so one of the two always sees the other.
				appointments.find(event.appointment()).filter(a -> !a.status().open() && a.status() != AppointmentStatus.ARRIVED).ifPresent(a ->
						transitions.visitBooked(event.patient(), event.appointment(), null, ended(a.status()) + " "
								+ kind(event.kind()) + " on " + day(event.start()) + " with " + event.with()));
			}
			rebooked(event);
		});
	}

	private static String ended(AppointmentStatus status) {
		return switch (status) {
			case NO_SHOW -> "Missed";
			case RESCHEDULED -> "Moved";
			default -> "Cancelled";
		};
	}

	/** A new booking of the kind the patient missed completes the open task to rebook it. */
	private void rebooked(AppointmentBooked event) {
		List<String> open = jdbc.sql("""
				select source from task where patient_id = ? and source like 'appointment:%:missed'
				  and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')""")
			.param(event.patient().value()).query(String.class).list();
		for (String source : open) {
			UUID missed;
			try {
				missed = UUID.fromString(source.split(":")[1]);
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			if (missed.equals(event.appointment())) continue;
			boolean sameKind = appointments.find(missed).map(a -> a.kind() == event.kind()).orElse(false);
			if (!sameKind) continue;
			tasks.holdSource(source);
			tasks.completeFromSource(source, TaskText.of("task.note.bookedAgain", event.start().atZone(zone()), event.with()));
		}
	}

	@ApplicationModuleListener
	void on(AppointmentKept event) {
		if (!event.kind().faceToFace()) return;
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> transitions.stepMet(event.patient(), TransitionWork.Step.VISIT,
				event.start(), "Visit on " + day(event.start()) + " with " + event.with()));
	}

	@ApplicationModuleListener
	void on(AppointmentCancelled event) {
		if (!event.kind().faceToFace()) return;
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> transitions.visitBooked(event.patient(), event.appointment(), null,
				(event.rescheduledTo() == null ? "Cancelled " : "Moved ") + kind(event.kind()) + " on " + day(event.start())
						+ " with " + event.with()));
	}
}
