package org.caremap.task.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.task.internal.TransitionWork.Step;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The evidence of each step of a 30-day transition, kept on its {@code care_transition} row: when the step was met
 * and by what (a contact, a signed reconciliation, a visit that took place), the attempts to reach the patient, the
 * visit booked. A step met stays met with its first evidence: a second contact or visit does not move it. Texts are
 * cut to the column's bound, so evidence never fails the work it describes.
 */
@Component
class TransitionSteps {

	private final JdbcClient jdbc;
	private final JdbcClocks clocks;

	TransitionSteps(JdbcClient jdbc, JdbcClocks clocks) {
		this.jdbc = jdbc;
		this.clocks = clocks;
	}

	/** The encounter and step a task's source names, for a transition task ({@code transition:<encounter>:<kind>}). */
	static Optional<Target> target(@Nullable String source) {
		if (source == null || !source.startsWith("transition:")) return Optional.empty();
		String[] parts = source.split(":");
		if (parts.length != 3) return Optional.empty();
		try {
			UUID encounter = UUID.fromString(parts[1]);
			return Step.ofKind(parts[2]).map(step -> new Target(encounter, step));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	record Target(UUID encounter, Step step) {
	}

	/**
	 * The open transition of the patient a piece of evidence at this time belongs to: the latest discharge at or
	 * before it whose period it falls in. With {@code graceDay}, a day's grace before the discharge: a reconciliation
	 * may be signed on the day of discharge, before the time the feed gave; a contact or a visit may not.
	 */
	Optional<UUID> openTransitionAt(PatientId patient, Instant at, boolean graceDay) {
		return jdbc.sql("""
				select encounter_id from care_transition
				where patient_id = ? and status = 'OPEN' and discharged_at <= ? and period_ends >= ?
				order by discharged_at desc limit 1""")
			.params(patient.value(), Timestamp.from(graceDay ? at.plusSeconds(86_400) : at), Timestamp.from(at))
			.query(UUID.class).optional();
	}

	/**
	 * A step met: the first evidence is kept. A contact or a visit counts only from the discharge on (a call made
	 * while the patient was still in hospital is not the transition's contact). Returns whether this call met it.
	 */
	boolean met(UUID encounter, Step step, Instant at, String evidence) {
		return met(encounter, step, at, evidence, false);
	}

	/** A step's task ticked done by a person: the step shows as met, but TCM does not take a tick as evidence. */
	boolean metByTask(UUID encounter, Step step, Instant at, String evidence) {
		return met(encounter, step, at, evidence, true);
	}

	private boolean met(UUID encounter, Step step, Instant at, String evidence, boolean byTask) {
		String k = step.kind;
		String byTaskColumn = step == Step.CONTACT ? "" : ", " + k + "_by_task = " + byTask;
		String afterDischarge = step == Step.RECONCILIATION ? "" : " and discharged_at <= :at";
		boolean met = jdbc.sql("update care_transition set " + k + "_met_at = :at, " + k + "_evidence = left(:evidence, 1000)" + byTaskColumn
				+ " where encounter_id = :encounter and " + k + "_met_at is null" + afterDischarge)
			.param("at", Timestamp.from(at)).param("evidence", evidence).param("encounter", encounter).update() > 0;
		// the step's clock stops with its first evidence: met by its due time, else missed
		if (met && step == Step.CONTACT) clocks.stopBuiltIn(JdbcClocks.TCM_CONTACT, TransitionWork.subject(encounter), at, "contact made");
		if (met && step == Step.VISIT) clocks.stopBuiltIn(JdbcClocks.TCM_VISIT, TransitionWork.subject(encounter), at, "visit took place");
		return met;
	}

	/**
	 * A documented attempt to reach the patient or their caregiver that did not reach them, made in time (by the end of
	 * the contact's due day, after the discharge) while the contact is not yet made: TCM counts such attempts.
	 */
	void attempt(UUID encounter, Instant at) {
		jdbc.sql("""
				update care_transition set contact_attempts = contact_attempts + 1,
				    last_attempt_at = greatest(coalesce(last_attempt_at, ?), ?)
				where encounter_id = ? and contact_met_at is null and discharged_at <= ? and ? <= contact_due""")
			.params(Timestamp.from(at), Timestamp.from(at), encounter, Timestamp.from(at), Timestamp.from(at)).update();
	}

	/** A visit booked for the transition (the latest booking wins), or, with no start, the booking withdrawn. */
	void visitBooked(PatientId patient, UUID appointment, @Nullable Instant start, String what) {
		if (start == null) {
			jdbc.sql("""
					update care_transition set visit_booked_for = null, visit_appointment = null, visit_booking = left(?, 1000)
					where visit_appointment = ? and visit_met_at is null""")
				.params(what, appointment).update();
			return;
		}
		openTransitionAt(patient, start, false).ifPresent(encounter -> jdbc.sql("""
				update care_transition set visit_booked_for = ?, visit_appointment = ?, visit_booking = left(?, 1000)
				where encounter_id = ? and visit_met_at is null""")
			.params(Timestamp.from(start), appointment, what, encounter).update());
	}
}
