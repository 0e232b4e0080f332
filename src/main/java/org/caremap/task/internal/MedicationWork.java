package org.caremap.task.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.medication.AdherenceGapFound;
import org.caremap.medication.DrugClass;
import org.caremap.medication.ReconciliationSigned;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.TaskView;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work the medication module's events make or close:
 * <ul>
 * <li>a signed reconciliation meets the reconciliation step of the patient's open 30-day transition (and completes
 * its task); signed on demand while no transition is open, it completes the patient's open medication
 * reconciliation tasks;</li>
 * <li>an adherence gap (a drug class below 80% of days covered) is a follow-up for the case manager, once per patient,
 * class and measurement period, suggesting the care plan template "Taking medicines as prescribed".</li>
 * </ul>
 * Both run after the medication module's transaction committed and may run again: the step keeps its first evidence,
 * completed tasks are no longer open, and the follow-up is keyed by its source.
 */
@Component
class MedicationWork {

	private static final String ACTOR = "medication-work";
	private final org.caremap.identity.UserAccounts accounts;
	static final String TEMPLATE = "Taking medicines as prescribed";

	private final TransitionWork transitionWork;
	private final TransitionSteps steps;
	private final JdbcTasks tasks;
	private final Cases cases;

	MedicationWork(TransitionWork transitionWork, TransitionSteps steps, JdbcTasks tasks, Cases cases,
			org.caremap.identity.UserAccounts accounts) {
		this.accounts = accounts;
		this.transitionWork = transitionWork;
		this.steps = steps;
		this.tasks = tasks;
		this.cases = cases;
	}

	static String adherenceSource(PatientId patient, DrugClass drugClass, String period) {
		return "adherence:" + patient.value() + ":" + drugClass.name() + ":" + period;
	}

	@ApplicationModuleListener
	void on(ReconciliationSigned event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String signer = accounts.findByUsername(event.signer()).map(u -> u.displayName()).orElse(event.signer());
			TaskText signed = TaskText.of("task.note.reconciliationSigned", signer);
			String evidence = signed.english();
			boolean inTransition = steps.openTransitionAt(event.patient(), event.signedAt(), true).isPresent();
			transitionWork.stepMet(event.patient(), TransitionWork.Step.RECONCILIATION, event.signedAt(), evidence);
			if (inTransition || event.encounter() != null) return;
			for (TaskView t : tasks.ofPatient(event.patient())) {
				if (t.type() == TaskType.MEDICATION_RECONCILIATION && t.status().next().contains(org.caremap.task.TaskStatus.COMPLETED)) {
					tasks.complete(t.id(), signed);
				}
			}
		});
	}

	@ApplicationModuleListener
	void on(AdherenceGapFound event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = adherenceSource(event.patient(), event.drugClass(), event.period());
			tasks.holdSource(source);
			if (tasks.madeFrom(source)) return;
			Optional<CaseView> open = cases.ofPatient(event.patient()).stream().filter(c -> c.status() != CaseStatus.CLOSED)
				.findFirst();
			if (open.isEmpty()) return;
			String klass = label(event.drugClass());
			tasks.create(new NewTask(event.patient(), open.get().id(), TaskType.OUTREACH_CALL,
					"Adherence gap: " + klass + " at " + event.percent() + "% of days covered",
					null,
					open.get().caseManager(), null, TaskPriority.ROUTINE, null, Instant.now().plus(Duration.ofDays(7)), source)
				.titled("task.title.adherenceGap." + event.drugClass().name(), String.valueOf(event.percent()))
				.described("task.description.adherenceGap", String.valueOf(event.percent()),
						String.valueOf(event.period()), TaskText.argument(event.indexDate()), TaskText.argument(event.periodEnd())));
		});
	}

	static String label(DrugClass drugClass) {
		return switch (drugClass) {
			case STATIN -> "statins";
			case RAS_ANTAGONIST -> "RAS antagonists (blood pressure)";
			case DIABETES -> "diabetes medicines";
			case ANTICOAGULANT -> "anticoagulants";
			case INSULIN -> "insulin";
			case OPIOID -> "opioids";
			case ANTIPLATELET -> "antiplatelets";
			case DIGOXIN -> "digoxin";
		};
	}
}
