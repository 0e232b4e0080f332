package org.caremap.utilization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.access.PatientAccess;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.transition.PatientAdmitted;
import org.caremap.transition.PatientDischarged;
import org.caremap.transition.internal.MllpPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The path of a stay through concurrent review, from the hospital's messages over MLLP: the admission of a covered
 * patient puts the stay in the payer's reviewer's queue with a care relationship and the first review task; an
 * uncovered patient's stay does not come under review; a recorded review completes the task and makes the next one;
 * the discharge closes the review, ends the relationship and cancels the open task; a cancelled discharge opens it
 * again; the same events delivered again change nothing.
 */
class ConcurrentReviewEventsIT extends IntegrationTest {

	@Autowired ApplicationContext context;
	@Autowired JdbcClient jdbc;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired PatientAccess access;
	@Autowired ConcurrentReviews reviews;
	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate tx;
	@Autowired org.caremap.timeline.Timeline timelines;

	private StayReviewFixtures fixtures() {
		return new StayReviewFixtures(jdbc, patients, organizations, MllpPort.of(context));
	}

	private List<String> openTasks(UUID review) {
		return jdbc.sql("""
				select source from task where source like ? and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD') order by source""")
			.param("stay-review:" + review + ":%").query(String.class).list();
	}

	private String taskStatus(String source) {
		return jdbc.sql("select status from task where source = ?").param(source).query(String.class).single();
	}

	@Test
	void aCoveredAdmissionIsReviewedUntilTheDischargeAndAnUncoveredOneIsNot() throws Exception {
		StayReviewFixtures f = fixtures();
		String password = "events-" + UUID.randomUUID();
		UserView reviewer = StayReviewFixtures.reviewer(accounts, "Erin Vale, RN", password);
		String payer = "Events Health Plan " + UUID.randomUUID().toString().substring(0, 6);
		f.payerGoesTo(payer, reviewer);
		PatientId covered = f.patient("Covered", payer);
		PatientId uncovered = f.patient("Uncovered", null);
		ZonedDateTime admitted = ZonedDateTime.now(f.zone()).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
		String visit = "UR-" + UUID.randomUUID().toString().substring(0, 8);
		String otherVisit = "UR-" + UUID.randomUUID().toString().substring(0, 8);
		f.admit(covered, "Covered", visit, admitted);
		f.admit(uncovered, "Uncovered", otherVisit, admitted);
		UUID encounter = f.encounter(visit);
		UUID review = f.reviewOf(encounter);

		// the covered stay: in the payer's reviewer's queue, with the payer, the expected stay and the first review date
		var row = jdbc.sql("select status, reviewer_id, payer, expected_days, expected_basis, next_review_on from stay_review where id = ?")
			.param(review).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6))).single();
		var calendar = organizations.calendar(organizations.primary().orElseThrow().id());
		assertThat(row).containsExactly("OPEN", reviewer.id().value().toString(), payer, "4", "diagnosis:I50.9",
				calendar.businessDaysAfter(admitted.toLocalDate(), 1).toString());
		assertThat(access.canRead(reviewer.id(), covered)).as("the reviewer's relationship").isTrue();
		Eventually.until("the first review task", () -> openTasks(review).equals(List.of("stay-review:" + review + ":open-1")));
		assertThat(jdbc.sql("select owner_user_id from task where source = ?").param("stay-review:" + review + ":open-1")
			.query(UUID.class).single()).isEqualTo(reviewer.id().value());
		assertThat(jdbc.sql("select type from task where source = ?").param("stay-review:" + review + ":open-1")
			.query(String.class).single()).isEqualTo("CONCURRENT_REVIEW");
		// the reviewer's queue holds it, and only their stays
		ReviewQueuePage queue = new Actors(users).as(reviewer.username(), () -> reviews.queue(ReviewQueueQuery.all(), 0, 50));
		assertThat(queue.rows()).extracting(StayReviewView::id).containsExactly(review);
		assertThat(queue.everyone()).isFalse();

		// the uncovered stay: its admission was heard, and nothing came of it
		UUID otherEncounter = f.encounter(otherVisit);
		f.handled("StayReviewFeed", otherEncounter);
		assertThat(jdbc.sql("select count(*) from stay_review where encounter_id = ?").param(otherEncounter).query(Long.class).single())
			.isZero();
		assertThat(access.canRead(reviewer.id(), uncovered)).isFalse();

		// the same admission delivered again: nothing new
		tx.executeWithoutResult(s -> events.publishEvent(new PatientAdmitted(covered, encounter, "RIVERSIDE GENERAL", "5E", admitted.toInstant())));
		Eventually.until("the replayed admission handled", () -> jdbc.sql("""
				select count(*) from event_publication where listener_id like '%StayReviewFeed%' and serialized_event like ?""")
			.param("%" + encounter + "%").query(Long.class).single() >= 2
				&& jdbc.sql("""
						select count(*) from event_publication where listener_id like '%StayReviewFeed%' and serialized_event like ?
						  and completion_date is null""").param("%" + encounter + "%").query(Long.class).single() == 0);
		assertThat(jdbc.sql("select count(*) from stay_review where encounter_id = ?").param(encounter).query(Long.class).single()).isOne();
		assertThat(jdbc.sql("select opened_count from stay_review where id = ?").param(review).query(Integer.class).single()).isOne();
		assertThat(openTasks(review)).containsExactly("stay-review:" + review + ":open-1");

		// the reviewer records a review: the first task is done, the next one is due on the next review date
		LocalDate next = calendar.businessDaysAfter(LocalDate.now(f.zone()), 2);
		int version = jdbc.sql("select version from stay_review where id = ?").param(review).query(Integer.class).single();
		UUID entry = new Actors(users).as(reviewer.username(), () -> reviews.record(review, new NewStayReviewEntry(LevelOfCare.ACUTE,
				true, CriteriaSet.INTERQUAL, null, "Acute medical, day 2", "IV diuretics, oxygen 2 L", 0, null,
				List.of(DischargeBarrier.HOME_HEALTH), null, next), version));
		String nextTask = "stay-review:" + review + ":entry-" + entry;
		Eventually.until("the next review task", () -> openTasks(review).equals(List.of(nextTask)));
		assertThat(taskStatus("stay-review:" + review + ":open-1")).isEqualTo("COMPLETED");
		assertThat(jdbc.sql("select due_at from task where source = ?").param(nextTask).query(java.time.OffsetDateTime.class).single()
			.toInstant()).isEqualTo(calendar.endOfDay(next));

		// the patient's timeline tells both: the stay under review for the payer, and the review with its outcome
		List<String> timeline = SystemActor.call("test", List.of("SYSTEM"), () -> timelines.of(covered)).stream()
			.filter(e -> e.kind().equals("stayReview")).map(org.caremap.timeline.TimelineEntry::summary).toList();
		assertThat(timeline).containsExactly("Review on day 2: Acute inpatient care, criteria met (InterQual)",
				"Stay at RIVERSIDE GENERAL under concurrent review for " + payer);

		// a supervisor gives the stay to another reviewer: the relationship and the open task move with it
		UserView other = StayReviewFixtures.reviewer(accounts, "Fay Lind, RN", password);
		new Actors(users).run("supervisor", () -> reviews.reassign(review, other.id(), "Erin is on leave this week"));
		Eventually.until("the open task with the new reviewer", () -> other.id().value().equals(jdbc
			.sql("select owner_user_id from task where source = ?").param(nextTask).query(UUID.class).single()));
		assertThat(access.canRead(other.id(), covered)).isTrue();
		assertThat(access.canRead(reviewer.id(), covered)).as("the first reviewer no longer reviews the stay").isFalse();
		Eventually.until("the new reviewer told", () -> jdbc.sql("""
				select count(*) from notification where recipient_id = ? and category = 'stay-review.assigned' and link = ?""")
			.params(other.id().value(), "/reviews/" + review).query(Long.class).single() == 1);
		assertThat(new Actors(users).as(reviewer.username(), () -> reviews.queue(ReviewQueueQuery.all(), 0, 50)).rows()).isEmpty();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Actors(users).run(reviewer.username(), () -> reviews.find(review)))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);

		// the discharge closes the review, ends the relationship and cancels the open task
		ZonedDateTime out = ZonedDateTime.now(f.zone()).minusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
		f.discharge(covered, "Covered", visit, admitted, out);
		Eventually.until("the review closed", () -> "CLOSED".equals(jdbc.sql("select status from stay_review where id = ?")
			.param(review).query(String.class).single()));
		assertThat(jdbc.sql("select discharged_at from stay_review where id = ?").param(review).query(java.time.OffsetDateTime.class)
			.single().toInstant()).isEqualTo(out.toInstant());
		assertThat(access.canRead(other.id(), covered)).as("the relationship ended with the review").isFalse();
		Eventually.until("the open review task cancelled", () -> openTasks(review).isEmpty());
		assertThat(taskStatus(nextTask)).isEqualTo("CANCELLED");
		assertThat(new Actors(users).as(other.username(), () -> reviews.queue(ReviewQueueQuery.all(), 0, 50)).rows()).isEmpty();

		// the discharge and the admission delivered again: the review stays closed (the stay is over)
		tx.executeWithoutResult(s -> {
			events.publishEvent(new PatientDischarged(covered, encounter, "I", "RIVERSIDE GENERAL", out.toInstant(), null, null));
			events.publishEvent(new PatientAdmitted(covered, encounter, "RIVERSIDE GENERAL", "5E", admitted.toInstant()));
		});
		Eventually.until("the replays handled", () -> jdbc.sql("""
				select count(*) from event_publication where listener_id like '%StayReviewFeed%' and serialized_event like ?
				  and completion_date is null""").param("%" + encounter + "%").query(Long.class).single() == 0
				&& jdbc.sql("""
						select count(*) from event_publication where listener_id like '%StayReviewFeed%' and serialized_event like ?""")
					.param("%" + encounter + "%").query(Long.class).single() >= 5);
		assertThat(jdbc.sql("select status || ' ' || opened_count from stay_review where id = ?").param(review).query(String.class).single())
			.isEqualTo("CLOSED 1");
		assertThat(openTasks(review)).isEmpty();

		// the hospital cancels the discharge: the stay is open again, and so is its review, with a new task due today or next
		f.cancelDischarge(covered, "Covered", visit, ZonedDateTime.now(f.zone()).truncatedTo(ChronoUnit.MINUTES));
		Eventually.until("the review open again", () -> "OPEN 2".equals(jdbc.sql(
				"select status || ' ' || opened_count from stay_review where id = ?").param(review).query(String.class).single()));
		assertThat(access.canRead(other.id(), covered)).isTrue();
		String reopened = "stay-review:" + review + ":entry-" + entry + "-open-2";
		Eventually.until("the reopened stay's task", () -> openTasks(review).equals(List.of(reopened)));
		assertThat(jdbc.sql("select owner_user_id from task where source = ?").param(reopened).query(UUID.class).single())
			.isEqualTo(other.id().value());
	}

	/** A payer nobody was named for: the stay goes to the reviewer with the fewest open stays (ties by name). */
	@Test
	void aStayOfAPayerWithoutItsOwnReviewerGoesToTheLeastLoadedReviewer() throws Exception {
		StayReviewFixtures f = fixtures();
		UserView idle = StayReviewFixtures.reviewer(accounts, "Aaron Aardvark, RN", "idle-" + UUID.randomUUID());
		String payer = "Unnamed Plan " + UUID.randomUUID().toString().substring(0, 6);
		PatientId patient = f.patient("Leastload", payer);
		String visit = "URL-" + UUID.randomUUID().toString().substring(0, 8);
		f.admit(patient, "Leastload", visit, ZonedDateTime.now(f.zone()).minusHours(3).truncatedTo(ChronoUnit.MINUTES));
		UUID review = f.reviewOf(f.encounter(visit));
		assertThat(jdbc.sql("select reviewer_id from stay_review where id = ?").param(review).query(UUID.class).single())
			.as("nobody reviews fewer stays than a new reviewer, and the name comes first").isEqualTo(idle.id().value());
		assertThat(access.canRead(idle.id(), patient)).isTrue();
	}

	/**
	 * The queues' statements (as the module runs them) can be answered from their indexes in the order shown, without
	 * reading the table whole or sorting it: a reviewer's page, a supervisor's page and a supervisor's late reviews.
	 * (On a small database the planner would rather read the few rows; with sequential scans off it shows what index
	 * serves the statement, as it does at scale: see the scale benchmark's plans.)
	 */
	@Test
	void theQueuesAreServedByTheirIndexes() {
		java.util.Map<String, String> statements = new java.util.LinkedHashMap<>();
		statements.put("stay_review_queue_idx", "select * from stay_review where status = 'OPEN' and reviewer_id = '"
				+ UUID.randomUUID() + "' order by next_review_on, admitted_at, id limit 50 offset 0");
		statements.put("stay_review_open_idx", "select * from stay_review where status = 'OPEN'"
				+ " order by next_review_on, admitted_at, id limit 50 offset 0");
		statements.put("stay_review_open_idx ", "select * from stay_review where status = 'OPEN' and next_review_on < current_date"
				+ " order by next_review_on, admitted_at, id limit 50 offset 50");
		statements.forEach((index, sql) -> {
			String plan = tx.execute(s -> {
				jdbc.sql("set local enable_seqscan = off").update();
				return String.join("\n", jdbc.sql("explain " + sql).query(String.class).list());
			});
			assertThat(plan).as(sql).contains(index.strip()).doesNotContain("Seq Scan").doesNotContain("Sort");
		});
	}
}
