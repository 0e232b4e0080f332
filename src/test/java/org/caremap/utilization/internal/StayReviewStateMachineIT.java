package org.caremap.utilization.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.utilization.ConcurrentReviews;
import org.caremap.utilization.CriteriaSet;
import org.caremap.utilization.LevelOfCare;
import org.caremap.utilization.NewStayReviewEntry;
import org.caremap.utilization.StayReviewFixtures;
import org.caremap.utilization.StayReviewStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The status of a stay's review: every status and every action against a transition table written here (the
 * database's table, the enum and the guarded update must all agree with it); recording a review is an action of an
 * open review only; a recorded review is kept as recorded.
 */
class StayReviewStateMachineIT extends IntegrationTest {

	enum Act { CLOSE, CANCEL, REOPEN, RECORD }

	/** status -> action -> resulting status; absent = refused. */
	static final Map<String, Map<Act, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("OPEN", Map.of(Act.CLOSE, "CLOSED", Act.CANCEL, "CANCELLED", Act.RECORD, "OPEN"));
		TABLE.put("CLOSED", Map.of(Act.REOPEN, "OPEN"));
		TABLE.put("CANCELLED", Map.of(Act.REOPEN, "OPEN"));
	}

	@Autowired JdbcConcurrentReviews reviews;
	@Autowired ConcurrentReviews api;
	@Autowired JdbcClient jdbc;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired CareRelationships relationships;

	@Test
	void theDatabaseAndTheEnumHoldExactlyTheTableWrittenHere() {
		Set<String> inDatabase = new HashSet<>(jdbc.sql("select action || ':' || from_status || '->' || to_status from stay_review_transition")
			.query(String.class).list());
		Set<String> inEnum = new HashSet<>();
		for (StayReviewStatus.Action a : StayReviewStatus.Action.values()) {
			for (StayReviewStatus from : a.from()) inEnum.add(a.key() + ":" + from + "->" + a.to());
		}
		Set<String> written = new HashSet<>();
		TABLE.forEach((from, moves) -> moves.forEach((act, to) -> {
			if (act != Act.RECORD) written.add(act.name().toLowerCase(java.util.Locale.ROOT) + ":" + from + "->" + to);
		}));
		assertThat(inDatabase).isEqualTo(written);
		assertThat(inEnum).isEqualTo(written);
		assertThat(TABLE.keySet()).containsExactlyInAnyOrder(
				java.util.Arrays.stream(StayReviewStatus.values()).map(Enum::name).toArray(String[]::new));
	}

	@Test
	void everyStatusAndEveryActionAsTheTableSays() {
		String password = "stay-walk-" + UUID.randomUUID();
		UserView reviewer = StayReviewFixtures.reviewer(accounts, "Walker Reviewer", password);
		Map<String, Map<Act, String>> walked = new LinkedHashMap<>();
		for (String status : TABLE.keySet()) {
			Map<Act, String> row = new EnumMap<>(Act.class);
			for (Act act : Act.values()) {
				UUID review = reviewIn(StayReviewStatus.valueOf(status), reviewer);
				boolean applied = apply(review, act, reviewer);
				String now = jdbc.sql("select status from stay_review where id = ?").param(review).query(String.class).single();
				if (applied) row.put(act, now);
				else assertThat(now).as(status + " refused " + act + ": unchanged").isEqualTo(status);
				check(review, now);
			}
			walked.put(status, row);
		}
		assertThat(walked).isEqualTo(TABLE);
	}

	/** What goes with each status: the closing time, and the reviewer's relationship with the patient while open. */
	private void check(UUID review, String status) {
		boolean closedAt = jdbc.sql("select closed_at is not null from stay_review where id = ?").param(review).query(Boolean.class).single();
		assertThat(closedAt).as("closed_at of a review " + status).isEqualTo(!status.equals("OPEN"));
	}

	private boolean apply(UUID review, Act act, UserView reviewer) {
		return switch (act) {
			case CLOSE -> SystemActor.call("test", List.of("SYSTEM"),
					() -> reviews.move(review, StayReviewStatus.Action.CLOSE, java.time.Instant.now(), "discharged"));
			case CANCEL -> SystemActor.call("test", List.of("SYSTEM"),
					() -> reviews.move(review, StayReviewStatus.Action.CANCEL, null, "admission cancelled"));
			case REOPEN -> SystemActor.call("test", List.of("SYSTEM"),
					() -> reviews.move(review, StayReviewStatus.Action.REOPEN, null, "stay open again"));
			case RECORD -> {
				int version = jdbc.sql("select version from stay_review where id = ?").param(review).query(Integer.class).single();
				LocalDate next = organizations.calendar(organizations.primary().orElseThrow().id())
					.businessDaysAfter(LocalDate.now(organizations.primary().orElseThrow().zone()), 1);
				try {
					new Actors(users).run(reviewer.username(), () -> api.record(review, new NewStayReviewEntry(LevelOfCare.ACUTE, true,
							CriteriaSet.MCG, null, "day 2", "Still on IV antibiotics", 0, null, List.of(), null, next), version));
					yield true;
				}
				catch (DomainException ex) {
					assertThat(ex.code()).isEqualTo("review.closed");
					yield false;
				}
			}
		};
	}

	/** A review in this status of a new patient's stay, the reviewer's relationship open (so only the status decides). */
	private UUID reviewIn(StayReviewStatus status, UserView reviewer) {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Walk");
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into stay_review (id, encounter_id, patient_id, facility, admitted_at, payer, expected_days, expected_basis,
				    reviewer_id, status, next_review_on, closed_at, close_reason, created_by, updated_by)
				values (?, ?, ?, 'RIVERSIDE GENERAL', now() - interval '2 days', 'Walker Health Plan', 4, 'default', ?, ?,
				    current_date, case when ? = 'OPEN' then null else now() end, case when ? = 'OPEN' then null else 'walk' end, 'test', 'test')""")
			.params(id, UUID.randomUUID(), patient.value(), reviewer.id().value(), status.name(), status.name(), status.name())
			.update();
		SystemActor.run("test", List.of("SYSTEM"), () -> relationships.open(reviewer.id(), patient, RelationshipKind.UTILIZATION_REVIEW,
				"stay-review:" + id));
		return id;
	}

	@Test
	void aRecordedReviewIsKeptAsRecorded() {
		String password = "stay-keep-" + UUID.randomUUID();
		UserView reviewer = StayReviewFixtures.reviewer(accounts, "Keeper Reviewer", password);
		UUID review = reviewIn(StayReviewStatus.OPEN, reviewer);
		assertThat(apply(review, Act.RECORD, reviewer)).isTrue();
		UUID entry = jdbc.sql("select id from stay_review_entry where review_id = ?").param(review).query(UUID.class).single();
		assertThatThrownBy(() -> jdbc.sql("update stay_review_entry set necessity_note = 'changed' where id = ?").param(entry).update())
			.hasMessageContaining("kept as it was recorded");
		assertThatThrownBy(() -> jdbc.sql("delete from stay_review_entry where id = ?").param(entry).update())
			.hasMessageContaining("kept as it was recorded");
		assertThat(jdbc.sql("select necessity_note from stay_review_entry where id = ?").param(entry).query(String.class).single())
			.isEqualTo("Still on IV antibiotics");
	}
}
