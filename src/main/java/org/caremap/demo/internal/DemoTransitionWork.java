package org.caremap.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.identity.UserAccounts;
import org.caremap.task.TaskQuery;
import org.caremap.task.TaskStatus;
import org.caremap.task.TaskView;
import org.caremap.task.Tasks;
import org.caremap.task.TrackedTransition;
import org.caremap.task.TransitionTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo case manager's work on her patients' discharges, so that the transitions tracker shows steps met as well
 * as pending: two of her transition calls made (one with the daughter after an unanswered attempt), and for one the clinician's
 * decision making. Runs once the demo feed's discharges have become transitions (their listeners finished).
 */
@Component
class DemoTransitionWork {

	private static final Logger log = LoggerFactory.getLogger(DemoTransitionWork.class);

	private final TransitionTracker tracker;
	private final Tasks tasks;
	private final Contacts contacts;
	private final UserAccounts accounts;
	private final JdbcClient jdbc;

	DemoTransitionWork(TransitionTracker tracker, Tasks tasks, Contacts contacts, UserAccounts accounts, JdbcClient jdbc) {
		this.tracker = tracker;
		this.tasks = tasks;
		this.contacts = contacts;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	void create() {
		awaitListeners();
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		// her open transition calls, and the transitions they belong to
		List<TaskView> calls = tasks.search(new TaskQuery(null, dana, Set.of(TaskStatus.READY, TaskStatus.REQUESTED), null, null,
				null, null), 0, 500).tasks().stream().map(r -> r.task()).filter(v -> v.title().startsWith("Transition call")).toList();
		int done = 0;
		for (TaskView call : calls) {
			if (done == 2) break; // the others stay to be made (the supervisor's home lists the calls due)
			TrackedTransition t = tracker.ofPatient(call.patient()).stream().filter(x -> x.status().equals("OPEN")).findFirst()
				.orElse(null);
			if (t == null) continue;
			Instant at = t.dischargedAt().plus(Duration.ofHours(20));
			if (at.isAfter(Instant.now().minusSeconds(3600))) at = Instant.now().minusSeconds(3600);
			if (done == 1) {
				contacts.log(new NewContact(t.patient(), call.caseId(), ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND,
						ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.NO_ANSWER, at.minusSeconds(7200), 2,
						ContactKinds.StaffKind.CLINICAL_STAFF, "No answer; voicemail full", List.of(call.id())));
			}
			contacts.log(new NewContact(t.patient(), call.caseId(), ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND,
					done == 1 ? ContactKinds.Party.CAREGIVER : ContactKinds.Party.PATIENT, done == 1 ? "Daughter" : null,
					ContactKinds.Outcome.REACHED, at, 15, ContactKinds.StaffKind.CLINICAL_STAFF,
					"Home since the discharge; went over the discharge papers and the warning signs; follow-up visit to arrange",
					List.of(call.id())));
			if (done == 0) tracker.recordDecisionMaking(t.patient(), t.encounter(), TrackedTransition.DecisionMaking.MODERATE);
			done++;
		}
		log.info("Demo transitions: {} transition calls for the demo case manager, {} made", calls.size(), done);
	}

	/** Waits (at most a minute) until the events of the demo feed have been handled by their listeners. */
	private void awaitListeners() {
		long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (System.nanoTime() < giveUp && jdbc.sql("select count(*) from event_publication where completion_date is null")
			.query(Long.class).single() > 0) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}
}
