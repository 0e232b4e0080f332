package org.caremap.notification.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.caremap.access.GlassBroken;
import org.caremap.assessment.SafetyFlagRaised;
import org.caremap.caseload.CaseOpened;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.caseload.CasesReassigned;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.program.Programs;
import org.caremap.shared.DateTexts;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.task.TaskOverdue;
import org.caremap.transition.EdVisitRecorded;
import org.caremap.transition.PatientAdmitted;
import org.caremap.transition.PatientDischarged;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What people must hear of, from the events of the modules where it happens (none of them calls this module): an
 * emergency access to their supervisors, a new case and reassigned cases to the case managers, an urgent safety flag,
 * an admission, an ED visit and a discharge to the case manager of a patient in care management, overdue work to the owner and their
 * supervisors (with an e-mail without patient detail). Each runs after the publisher's transaction commits; each alert
 * is keyed by what it is about, so an event delivered again after a crash alerts nobody twice. Titles never name the
 * patient: the alert records who it is about, and the list names them when it is shown, to a reader who may open
 * their record then. Texts come from the message bundle.
 */
@Component
class Alerts {

	private static final String ACTOR = "alerts";

	private final JdbcNotifications notifications;
	private final MessageSource messages;
	private final Organizations organizations;
	private final UserAccounts accounts;
	private final Cases cases;
	private final Programs programs;

	Alerts(JdbcNotifications notifications, MessageSource messages, Organizations organizations, UserAccounts accounts,
			Cases cases, Programs programs) {
		this.notifications = notifications;
		this.messages = messages;
		this.organizations = organizations;
		this.accounts = accounts;
		this.cases = cases;
		this.programs = programs;
	}

	static String text(MessageSource messages, String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, Locale.ENGLISH);
	}

	/** The text in this language (what a patient or a member of staff reads in the language they chose). */
	static String text(MessageSource messages, Locale language, String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, language);
	}

	/** The language of Caremap's texts for a language tag (es, es-MX: Spanish; anything else: English). */
	static Locale language(@org.jspecify.annotations.Nullable String tag) {
		if (tag == null || tag.isBlank()) return Locale.ENGLISH;
		return "es".equals(Locale.forLanguageTag(tag.trim()).getLanguage()) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
	}

	/** The language the member of staff reads Caremap in (English until they choose). */
	private Locale language(UserId user) {
		return accounts.language(user).orElse(Locale.ENGLISH);
	}

	private Optional<CaseView> openCase(PatientId patient) {
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED).findFirst();
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
	}

	@ApplicationModuleListener
	void on(GlassBroken event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String who = accounts.find(event.user()).map(u -> u.displayName()).orElse(event.user().toString());
			for (UserId supervisor : organizations.supervisorsOf(event.user())) {
				Locale l = language(supervisor);
				String until = DateTexts.dayTime(event.until().atZone(zone()), l);
				notifications.alert(supervisor, "break-glass", text(messages, l, "alert.breakGlass.title", who),
						text(messages, l, "alert.breakGlass.body", event.reason(), until), "/patients/" + event.patient(),
						"break-glass:" + event.user() + ":" + event.patient() + ":" + event.until(), event.patient());
			}
		});
	}

	@ApplicationModuleListener
	void on(CaseOpened event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String program = programs.find(event.program()).map(p -> p.name()).orElse("");
			Locale l = language(event.caseManager());
			notifications.alert(event.caseManager(), "case-assigned",
					text(messages, l, "alert.caseOpened.title", program), text(messages, l, "alert.caseOpened.body"), "/cases/" + event.caseId(),
					"case-opened:" + event.caseId(), event.patient());
		});
	}

	@ApplicationModuleListener
	void on(CasesReassigned event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String key = "cases-reassigned:" + event.to() + ":" + event.at();
			notifications.alert(event.to(), "case-assigned",
					text(messages, language(event.to()), "alert.casesAssigned.title", event.total()), event.reason(),
					"/caseload", key);
			String receiver = accounts.find(event.to()).map(u -> u.displayName()).orElse("");
			for (CasesReassigned.From from : event.from()) {
				notifications.alert(from.caseManager(), "case-reassigned",
						text(messages, language(from.caseManager()), "alert.casesLost.title", from.cases(), receiver),
						event.reason(), "/caseload", key);
			}
		});
	}

	@ApplicationModuleListener
	void on(SafetyFlagRaised event) {
		// STAT: after hours it goes to whoever is on call for the patient's program
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> caseOf(event.patient(), event.caseId()).ifPresent(c ->
				notifications.alert(c.caseManager(), "assessment.urgent",
						text(messages, language(c.caseManager()), "alert.safety.title", event.flag()),
						text(messages, language(c.caseManager()), "alert.safety.body", event.instrument()),
						"/patients/" + event.patient() + "/assessments/" + event.assessment(), "safety:" + event.assessment(),
						event.patient(), c.program())));
	}

	/** A supervisor gave a stay under concurrent review to a reviewer: the reviewer is told (the patient named on the list). */
	@ApplicationModuleListener
	void on(org.caremap.utilization.StayReviewerChanged event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> notifications.alert(event.reviewer(), "stay-review.assigned",
				text(messages, language(event.reviewer()), "alert.stayReview.title"),
				text(messages, language(event.reviewer()), "alert.stayReview.body"), "/reviews/" + event.review(),
				"stay-review-assigned:" + event.review() + ":" + event.reviewer(), event.patient()));
	}

	@ApplicationModuleListener
	void on(PatientAdmitted event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> openCase(event.patient()).ifPresent(c -> {
			String where = event.facility() + (event.location() == null ? "" : ", " + event.location());
			// the admission of a high-acuity patient is STAT: after hours it goes to whoever is on call
			boolean stat = c.acuity().compareTo(org.caremap.caseload.Acuity.HIGH) >= 0;
			notifications.alert(c.caseManager(), "transition.admitted",
					text(messages, language(c.caseManager()), "alert.admitted.title"), where, "/patients/" + event.patient() + "/timeline",
					"admitted:" + event.encounter(), event.patient(), stat ? c.program() : null);
		}));
	}

	@ApplicationModuleListener
	void on(EdVisitRecorded event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> openCase(event.patient()).ifPresent(c -> {
			String where = event.facility() + (event.location() == null ? "" : ", " + event.location());
			notifications.alert(c.caseManager(), "transition.admitted",
					text(messages, language(c.caseManager()), "alert.edVisit.title"), where, "/patients/" + event.patient() + "/timeline",
					"admitted:" + event.encounter(), event.patient());
		}));
	}

	@ApplicationModuleListener
	void on(PatientDischarged event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> openCase(event.patient()).ifPresent(c -> {
			UserId manager = c.caseManager();
			Locale l = language(manager);
			String body = event.lace() == null ? text(messages, l, "alert.discharged.body")
					: text(messages, l, "alert.discharged.bodyLace", event.lace().total(),
							event.highLace() ? text(messages, l, "alert.discharged.highRisk") : "");
			notifications.alert(manager, "transition.discharged",
					text(messages, l, event.readmissionOf() != null ? "alert.readmitted.title" : "alert.discharged.title", event.facility()),
					body, "/patients/" + event.patient() + "/tasks", "discharged:" + event.encounter() + ":" + event.dischargedAt(),
					event.patient());
		}));
	}

	@ApplicationModuleListener
	void on(TaskOverdue event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			Set<UserId> supervisors = event.owner() != null ? organizations.supervisorsOf(event.owner())
					: event.team() == null ? Set.of() : organizations.supervisorOfTeam(event.team()).map(Set::of).orElse(Set.of());
			String key = "overdue:" + event.task();
			for (UserId supervisor : supervisors) {
				Locale language = language(supervisor);
				boolean fresh = notifications.alert(supervisor, "task-overdue", text(messages, language, "alert.overdue.title", event.title()),
						text(messages, language, "alert.overdue.supervisorBody"), "/patients/" + event.patient() + "/tasks", key,
						event.patient());
				// e-mail carries no patient detail: it only asks the supervisor to look in Caremap
				if (fresh) {
					accounts.find(supervisor).map(u -> u.email()).filter(e -> e != null && !e.isBlank())
						.ifPresent(email -> notifications.queue(email, text(messages, language, "alert.overdue.subject"),
								text(messages, language, "alert.overdue.mail")));
				}
			}
			if (event.owner() != null) {
				Locale language = language(event.owner());
				notifications.alert(event.owner(), "task-overdue", text(messages, language, "alert.overdue.title", event.title()),
						text(messages, language, "alert.overdue.ownerBody"), "/patients/" + event.patient() + "/tasks", key,
						event.patient());
			}
		});
	}

	/** The case named, or the patient's open case. */
	private Optional<CaseView> caseOf(PatientId patient, org.caremap.caseload.@org.jspecify.annotations.Nullable CaseId caseId) {
		if (caseId != null) {
			Optional<CaseView> named = cases.find(caseId);
			if (named.isPresent()) return named;
		}
		return openCase(patient);
	}
}
