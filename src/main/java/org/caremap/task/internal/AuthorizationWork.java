package org.caremap.task.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.caremap.access.PatientAccess;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.organization.Organizations;
import org.caremap.shared.DateTexts;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.utilization.AppealFiled;
import org.caremap.utilization.AppealOpened;
import org.caremap.utilization.AuthorizationDecided;
import org.caremap.utilization.AuthorizationDecisionOverdue;
import org.caremap.utilization.AuthorizationRenewalDue;
import org.caremap.utilization.AuthorizationStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work the utilization module's events make or close, for the owner of the authorization (who asked for it), or
 * when they can no longer open the record, the case manager of the patient's open case:
 * <ul>
 * <li>a payer's decision past its due time: an urgent call to the payer, due at the time the decision was owed (so it
 * is late at once and escalates to the supervisor like any overdue task); the decision, or a withdrawal, completes it;</li>
 * <li>a line whose units run out or whose approval ends soon: a request for a re-authorization, due by the day the
 * event names;</li>
 * <li>an appeal opened: filing it by the payer's deadline (escalated when late); filing or withdrawing it completes it.</li>
 * </ul>
 * Each listener runs after the utilization transaction committed and may run again: the tasks are keyed by their
 * source ({@code authorization:<id>:decision}, {@code authorization-line:<id>:renewal}, {@code appeal:<id>:filing}).
 */
@Component
class AuthorizationWork {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationWork.class);
	private static final String ACTOR = "authorization-work";

	private final JdbcTasks tasks;
	private final Cases cases;
	private final Organizations organizations;
	private final PatientAccess access;

	AuthorizationWork(JdbcTasks tasks, Cases cases, Organizations organizations, PatientAccess access) {
		this.tasks = tasks;
		this.cases = cases;
		this.organizations = organizations;
		this.access = access;
	}

	static String decisionSource(java.util.UUID authorization) {
		return "authorization:" + authorization + ":decision";
	}

	static String renewalSource(java.util.UUID line) {
		return "authorization-line:" + line + ":renewal";
	}

	static String filingSource(java.util.UUID appeal) {
		return "appeal:" + appeal + ":filing";
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
	}

	private Optional<CaseView> openCase(PatientId patient) {
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED).findFirst();
	}

	/** Who gets the work: the authorization's owner while they can open the record, else the open case's case manager. */
	private @Nullable UserId owner(PatientId patient, @Nullable UserId owner, Optional<CaseView> kase) {
		if (owner != null && access.canRead(owner, patient)) return owner;
		return kase.map(CaseView::caseManager).orElse(null);
	}

	private void make(PatientId patient, @Nullable UserId preferred, String source, TaskPriority priority, String title,
			TaskText description, Instant due, String titleKey, String... titleArgs) {
		tasks.holdSource(source);
		if (tasks.madeFrom(source)) return;
		Optional<CaseView> kase = openCase(patient);
		UserId owner = owner(patient, preferred, kase);
		if (owner == null) {
			log.warn("No one to give '{}' to for patient {}: the authorization work list shows it", title, patient.value());
			return;
		}
		tasks.create(new NewTask(patient, kase.map(CaseView::id).orElse(null), TaskType.AUTHORIZATION_FOLLOW_UP, title,
				null, owner, null, priority, null, due, source).titled(titleKey, titleArgs)
			.described(description.key(), description.stored()));
	}

	@ApplicationModuleListener
	void on(AuthorizationDecisionOverdue event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> make(event.patient(), event.owner(), decisionSource(event.authorization()),
				TaskPriority.URGENT, "Call " + event.payer() + ": authorization decision overdue",
				TaskText.of("task.description.authorizationOverdue", event.service(), event.due().atZone(zone())),
				event.due(), "task.title.authorizationOverdue", event.payer()));
	}

	@ApplicationModuleListener
	void on(AuthorizationDecided event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = decisionSource(event.authorization());
			tasks.holdSource(source);
			if (event.status() == AuthorizationStatus.WITHDRAWN) tasks.cancelFromSource(source, TaskText.of("task.note.requestWithdrawn"));
			else tasks.completeFromSource(source, TaskText.of("task.note.payerDecided." + event.status().name()));
		});
	}

	@ApplicationModuleListener
	void on(AuthorizationRenewalDue event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			var calendar = organizations.calendar(organizations.primary().orElseThrow().id());
			LocalDate by = event.dueBy();
			make(event.patient(), event.owner(), renewalSource(event.line()), TaskPriority.ROUTINE,
					"Request a re-authorization: " + event.service() + " (" + event.code() + ")",
					TaskText.of("task.description.reauthorize", event.reason(), event.payer()),
					calendar.endOfDay(by), "task.title.reauthorize", event.service(), event.code());
		});
	}

	@ApplicationModuleListener
	void on(AppealOpened event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			var calendar = organizations.calendar(organizations.primary().orElseThrow().id());
			make(event.patient(), event.owner(), filingSource(event.appeal()), TaskPriority.URGENT,
					"File the appeal with " + event.payer() + ": " + event.service(),
					TaskText.of("task.description.fileAppeal." + event.level().name(), event.filingDeadline(), event.deadlineSource()),
					calendar.endOfDay(event.filingDeadline()), "task.title.fileAppeal", event.payer(), event.service());
		});
	}

	@ApplicationModuleListener
	void on(AppealFiled event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = filingSource(event.appeal());
			tasks.holdSource(source);
			if (event.withdrawn()) tasks.cancelFromSource(source, TaskText.of("task.note.appealWithdrawn"));
			else tasks.completeFromSource(source, TaskText.of("task.note.appealFiled"));
		});
	}
}
