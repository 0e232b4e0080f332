package org.caremap.task.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseHeld;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseResumed;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.transition.AdmissionCancelled;
import org.caremap.transition.DischargeCancelled;
import org.caremap.transition.EdVisitRecorded;
import org.caremap.transition.EncounterView;
import org.caremap.transition.PatientAdmitted;
import org.caremap.transition.PatientDischarged;
import org.caremap.transition.TransitionClocks;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work a hospital visit creates for a patient in care management, from the transition module's events, and
 * the 30-day transition it opens (the {@code care_transition} table is this part's):
 * <ul>
 * <li>a discharge from a stay or the ED: a call within 2 business days of discharge, medication reconciliation,
 * and a face-to-face visit within 7 calendar days when the case is high complexity (acuity high or complex, or
 * LACE 10 or more) and 14 otherwise; the clocks on the organisation's business calendar;</li>
 * <li>an ED visit: an urgent follow-up call within 7 days;</li>
 * <li>a cancelled discharge or admission: that work is cancelled.</li>
 * </ul>
 * Each listener runs after the feed's transaction committed and may run again after a crash: the work of one
 * discharge is keyed by the stay and its discharge time, that of an ED visit by the visit, so nothing is made twice.
 */
@Component
class TransitionWork implements TransitionClocks {

	/** The steps of a transition, as the tracker shows them. */
	enum Step {
		CONTACT("contact"), RECONCILIATION("medrec"), VISIT("visit");

		/** The last part of the source of the step's task ({@code transition:<encounter>:<kind>}). */
		final String kind;

		Step(String kind) {
			this.kind = kind;
		}

		static Optional<Step> ofKind(String kind) {
			for (Step s : values()) {
				if (s.kind.equals(kind)) return Optional.of(s);
			}
			return Optional.empty();
		}
	}

	/** How far back a discharge still opens work: the 30-day period. */
	static final Duration PERIOD = Duration.ofDays(30);
	/** The TCM service period: the discharge day and the next 29 days. */
	static final int PERIOD_LAST_DAY = 29;
	private static final String ACTOR = "transitions-work";
	private static final String[] KINDS = { "contact", "medrec", "visit" };

	private final JdbcTasks tasks;
	private final Cases cases;
	private final Organizations organizations;
	private final JdbcClient jdbc;
	private final TransitionSteps steps;
	private final JdbcClocks clocks;
	/** Asked lazily: the transition module asks this part for its clocks, so it cannot be a constructor argument. */
	private final org.springframework.beans.factory.ObjectProvider<org.caremap.transition.Transitions> transitions;

	TransitionWork(JdbcTasks tasks, Cases cases, Organizations organizations, JdbcClient jdbc, TransitionSteps steps,
			org.springframework.beans.factory.ObjectProvider<org.caremap.transition.Transitions> transitions, JdbcClocks clocks) {
		this.clocks = clocks;
		this.steps = steps;
		this.transitions = transitions;
		this.tasks = tasks;
		this.cases = cases;
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	private BusinessCalendar calendar() {
		var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "no organisation"));
		return organizations.calendar(org.id());
	}

	private Optional<CaseView> openCase(PatientId patient) {
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED).findFirst();
	}

	/** What a discharge's listener and its cancel's listener both hold (see {@link JdbcTasks#holdSource}). */
	private static String hold(UUID encounter) {
		return "transition:" + encounter;
	}

	/** The subject of a transition's clocks (instances of the program's built-in "tcm-contact" and "tcm-visit"). */
	static String subject(UUID encounter) {
		return "encounter:" + encounter;
	}

	static String source(UUID encounter, String kind) {
		return "transition:" + encounter + ":" + kind;
	}

	/** The high-risk test: the case's acuity, or the readmission risk at discharge. */
	static boolean highComplexity(Acuity acuity, PatientDischarged discharge) {
		return acuity.compareTo(Acuity.HIGH) >= 0 || discharge.highLace();
	}

	@ApplicationModuleListener
	void on(PatientDischarged event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> discharged(event));
	}

	private void discharged(PatientDischarged event) {
		Optional<CaseView> found = openCase(event.patient());
		if (found.isEmpty() || event.dischargedAt().isBefore(Instant.now().minus(PERIOD))) return;
		tasks.holdSource(hold(event.encounter()));
		// cancelled (A13) before this ran, or discharged again at another time (that discharge has its own event)
		boolean stillSo = transitions.getObject().encounter(event.encounter()).map(r -> r.encounter())
			.filter(e -> event.dischargedAt().equals(e.dischargedAt())).isPresent();
		if (!stillSo) return;
		// the same discharge again (an event delivered twice): nothing new to do
		boolean known = jdbc.sql("select count(*) from care_transition where encounter_id = ? and discharged_at = ? and status = 'OPEN'")
			.params(event.encounter(), Timestamp.from(event.dischargedAt())).query(Long.class).single() > 0;
		if (known) return;
		CaseView kase = found.get();
		BusinessCalendar calendar = calendar();
		boolean high = highComplexity(kase.acuity(), event);
		// the clocks: the call within 2 business days, the visit within 7 or 14 calendar days, of the discharge
		Instant contactDue = clocks.startBuiltIn(JdbcClocks.TCM_CONTACT, kase.program(), event.patient(), kase.id(),
				subject(event.encounter()), event.dischargedAt(), null);
		Instant visitDue = clocks.startBuiltIn(JdbcClocks.TCM_VISIT, kase.program(), event.patient(), kase.id(),
				subject(event.encounter()), event.dischargedAt(), high ? 7 : 14);
		jdbc.sql("""
				insert into care_transition (id, encounter_id, patient_id, case_id, discharged_at, contact_due, visit_due,
				                             period_ends, high_complexity, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')
				on conflict (encounter_id) do update set discharged_at = excluded.discharged_at, case_id = excluded.case_id,
				    contact_due = excluded.contact_due, visit_due = excluded.visit_due, period_ends = excluded.period_ends,
				    high_complexity = excluded.high_complexity, status = 'OPEN'""")
			.params(Ids.newId(), event.encounter(), event.patient().value(), kase.id().value(), Timestamp.from(event.dischargedAt()),
					Timestamp.from(contactDue), Timestamp.from(visitDue),
					Timestamp.from(calendar.endOfCalendarDaysAfter(event.dischargedAt(), PERIOD_LAST_DAY)), high)
			.update();
		if (event.readmissionOf() != null) readmitted(event.readmissionOf(), event.patient(), null);
		CaseId caseId = kase.id();
		tasks.create(new NewTask(event.patient(), caseId, TaskType.OUTREACH_CALL,
				"Transition call: contact within 2 business days of discharge", event.facility(), kase.caseManager(), null,
				TaskPriority.ASAP, null, contactDue, source(event.encounter(), "contact")).titled("task.title.transitionCall"));
		tasks.create(new NewTask(event.patient(), caseId, TaskType.MEDICATION_RECONCILIATION,
				"Reconcile medications after discharge", event.facility(), kase.caseManager(), null, TaskPriority.URGENT, null,
				visitDue, source(event.encounter(), "medrec")).titled("task.title.reconcileAfterDischarge"));
		tasks.create(new NewTask(event.patient(), caseId, TaskType.VISIT,
				"Face-to-face visit within " + (high ? 7 : 14) + " days of discharge", event.facility(), kase.caseManager(), null,
				TaskPriority.URGENT, null, visitDue, source(event.encounter(), "visit"))
			.titled("task.title.visitAfterDischarge", String.valueOf(high ? 7 : 14)));
	}

	@ApplicationModuleListener
	void on(DischargeCancelled event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			tasks.holdSource(hold(event.encounter()));
			jdbc.sql("update care_transition set status = 'CANCELLED' where encounter_id = ? and status = 'OPEN'")
				.param(event.encounter()).update();
			clocks.cancelBuiltIn(JdbcClocks.TCM_CONTACT, subject(event.encounter()), "discharge cancelled");
			clocks.cancelBuiltIn(JdbcClocks.TCM_VISIT, subject(event.encounter()), "discharge cancelled");
			for (String kind : KINDS) {
				tasks.cancelFromSource(source(event.encounter(), kind), TaskText.of("task.note.dischargeCancelled"));
			}
		});
	}

	@ApplicationModuleListener
	void on(EdVisitRecorded event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> openCase(event.patient()).ifPresent(kase -> {
			String source = "ed-visit:" + event.encounter();
			tasks.holdSource(source);
			if (tasks.madeFrom(source)) return;
			// the hospital cancelled the visit (A11) before this ran
			boolean cancelled = transitions.getObject().encounter(event.encounter()).map(r -> "CANCELLED".equals(r.encounter().status()))
				.orElse(true);
			if (cancelled) return;
			Instant base = event.arrivedAt() == null ? Instant.now() : event.arrivedAt();
			tasks.create(new NewTask(event.patient(), kase.id(), TaskType.OUTREACH_CALL, "Follow up after the ED visit",
					event.facility(), kase.caseManager(), null, TaskPriority.URGENT, null, calendar().endOfCalendarDaysAfter(base, 7),
					source).titled("task.title.edFollowUp"));
		}));
	}

	@ApplicationModuleListener
	void on(AdmissionCancelled event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			tasks.holdSource("ed-visit:" + event.encounter());
			tasks.cancelFromSource("ed-visit:" + event.encounter(), TaskText.of("task.note.visitCancelled"));
		});
	}

	@Override
	public Map<UUID, EncounterView.Clocks> of(Collection<UUID> encounters) {
		Map<UUID, EncounterView.Clocks> found = new HashMap<>();
		if (encounters.isEmpty()) return found;
		jdbc.sql("""
				select encounter_id, contact_due, visit_due, period_ends, high_complexity, status, contact_met_at, medrec_met_at,
				       visit_met_at, paused_since from care_transition
				where encounter_id = any(:ids)""")
			.param("ids", encounters.toArray(UUID[]::new))
			.query((rs, n) -> found.put(rs.getObject(1, UUID.class), new EncounterView.Clocks(rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getBoolean(5), rs.getString(6),
					instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)))))
			.list();
		return found;
	}

	/**
	 * Evidence that a step of the patient's open transition was met (a reconciliation signed, a visit that took place):
	 * recorded on the transition the time falls in, and the step's task completed with it. Called by the listeners of
	 * this module that hear about the evidence; nothing happens when the patient has no open transition then.
	 */
	void stepMet(PatientId patient, Step step, Instant at, String evidence) {
		steps.openTransitionAt(patient, at, step == Step.RECONCILIATION).ifPresent(encounter -> {
			tasks.holdSource(hold(encounter));
			// evidence the step cannot take (a visit dated before the discharge) leaves its task open
			if (steps.met(encounter, step, at, evidence)) tasks.completeFromSource(source(encounter, step.kind), evidence);
		});
	}

	/** A face-to-face visit booked for the patient's open transition, or (no start) no longer booked. */
	void visitBooked(PatientId patient, UUID appointment, @Nullable Instant start, String what) {
		steps.visitBooked(patient, appointment, start, what);
	}

	/**
	 * The patient is back in hospital: an open transition whose period the admission falls in ends (its period is
	 * not billable twice in 30 days, and the new discharge starts a new one), and the work it still had is cancelled.
	 */
	@ApplicationModuleListener
	void on(PatientAdmitted event) {
		Instant at = event.admittedAt() == null ? Instant.now() : event.admittedAt();
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> jdbc.sql("""
				select encounter_id from care_transition
				where patient_id = ? and status = 'OPEN' and discharged_at < ? and period_ends >= ? and encounter_id <> ?""")
			.params(event.patient().value(), Timestamp.from(at), Timestamp.from(at), event.encounter()).query(UUID.class).list()
			.forEach(encounter -> readmitted(encounter, event.patient(), at)));
	}

	private void readmitted(UUID encounter, PatientId patient, @Nullable Instant at) {
		tasks.holdSource(hold(encounter));
		int ended = jdbc.sql("""
				update care_transition set status = 'ENDED', readmitted_at = coalesce(readmitted_at, ?, now())
				where encounter_id = ? and patient_id = ? and status = 'OPEN'""")
			.params(at == null ? null : Timestamp.from(at), encounter, patient.value()).update();
		if (ended == 0) return;
		clocks.cancelBuiltIn(JdbcClocks.TCM_CONTACT, subject(encounter), "readmitted");
		clocks.cancelBuiltIn(JdbcClocks.TCM_VISIT, subject(encounter), "readmitted");
		for (String kind : KINDS) {
			tasks.cancelFromSource(source(encounter, kind), TaskText.of("task.note.readmitted"));
		}
	}

	/** The case went on hold: its open transitions' clocks stop (and say so) until it is resumed. */
	@EventListener
	void on(CaseHeld held) {
		Instant now = Instant.now();
		jdbc.sql("update care_transition set paused_since = now() where case_id = ? and status = 'OPEN' and paused_since is null returning encounter_id")
			.param(held.caseId().value()).query(UUID.class).list().forEach(encounter -> {
				clocks.holdBuiltIn(JdbcClocks.TCM_CONTACT, subject(encounter), now);
				clocks.holdBuiltIn(JdbcClocks.TCM_VISIT, subject(encounter), now);
			});
	}

	/**
	 * The case resumed: the clocks of the steps not yet met resume with the time they had left (counted in business
	 * days for the call, so a hold over a weekend costs no business day), and the due times of those steps' open tasks
	 * follow them. A transition without clock instances moves by the time it was on hold. The TCM windows themselves (2 business days, 7 or 14 days) are the payer's and do not
	 * move; the tracker judges TCM against them.
	 */
	@EventListener
	void on(CaseResumed resumed) {
		List<UUID> paused = jdbc.sql("""
				update care_transition set
				    contact_due = case when contact_met_at is null then contact_due + (now() - paused_since) else contact_due end,
				    visit_due = case when visit_met_at is null then visit_due + (now() - paused_since) else visit_due end,
				    paused_seconds = paused_seconds + greatest(0, extract(epoch from now() - paused_since)::bigint),
				    paused_since = null
				where case_id = ? and status = 'OPEN' and paused_since is not null
				returning encounter_id""")
			.param(resumed.caseId().value()).query(UUID.class).list();
		Instant now = Instant.now();
		for (UUID encounter : paused) {
			clocks.resumeBuiltIn(JdbcClocks.TCM_CONTACT, subject(encounter), now);
			clocks.resumeBuiltIn(JdbcClocks.TCM_VISIT, subject(encounter), now);
			clocks.openBuiltIn(JdbcClocks.TCM_CONTACT, subject(encounter)).stream().findFirst().ifPresent(o -> jdbc.sql(
					"update care_transition set contact_due = ? where encounter_id = ? and contact_met_at is null")
				.params(Timestamp.from(o.dueAt()), encounter).update());
			clocks.openBuiltIn(JdbcClocks.TCM_VISIT, subject(encounter)).stream().findFirst().ifPresent(o -> jdbc.sql(
					"update care_transition set visit_due = ? where encounter_id = ? and visit_met_at is null")
				.params(Timestamp.from(o.dueAt()), encounter).update());
			jdbc.sql("""
					update task t set due_at = case when t.source like '%:contact' then ct.contact_due else ct.visit_due end,
					    version = t.version + 1, updated_at = now()
					from care_transition ct
					where ct.encounter_id = ? and t.source in (?, ?, ?)
					  and t.status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')""")
				.params(encounter, source(encounter, "contact"), source(encounter, "medrec"), source(encounter, "visit")).update();
		}
	}

	private static @Nullable Instant instant(java.sql.@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
