package org.caremap.utilization.internal;

import java.util.List;
import java.util.UUID;

import org.caremap.shared.SystemActor;
import org.caremap.transition.AdmissionCancelled;
import org.caremap.transition.DischargeCancelled;
import org.caremap.transition.PatientAdmitted;
import org.caremap.transition.PatientDischarged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The hospital feed's events, as concurrent review hears them: an admission (or a cancelled discharge) of a covered
 * patient opens the stay's review, a discharge closes it, a cancelled admission cancels it. Each listener runs after
 * the feed's transaction committed, and may run again after a crash or out of order: the review is keyed by the
 * stay (the encounter id) and brought in line with the stay as it is now, so a replay changes nothing.
 */
@Component
class StayReviewFeed {

	private static final String ACTOR = "concurrent-review";

	private final JdbcConcurrentReviews reviews;

	StayReviewFeed(JdbcConcurrentReviews reviews) {
		this.reviews = reviews;
	}

	private void follow(UUID encounter, boolean mayOpen) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> reviews.follow(encounter, mayOpen));
	}

	@ApplicationModuleListener
	void on(PatientAdmitted event) {
		follow(event.encounter(), true);
	}

	@ApplicationModuleListener
	void on(PatientDischarged event) {
		follow(event.encounter(), false);
	}

	@ApplicationModuleListener
	void on(AdmissionCancelled event) {
		follow(event.encounter(), false);
	}

	@ApplicationModuleListener
	void on(DischargeCancelled event) {
		follow(event.encounter(), true);
	}
}
