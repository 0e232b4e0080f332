package org.caremap.demo.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.utilization.ConcurrentReviews;
import org.caremap.utilization.CriteriaSet;
import org.caremap.utilization.DischargeBarrier;
import org.caremap.utilization.LevelOfCare;
import org.caremap.utilization.NewStayReviewEntry;
import org.caremap.utilization.ReviewQueueQuery;
import org.caremap.utilization.StayReviewView;
import org.caremap.utilization.AvoidableDayReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo reviewer's work: the stays of the patients the demo hospital has in now are in Helen Cho's queue (the feed's
 * admissions made them); she has reviewed two of them already (one meeting the criteria, one with an avoidable day
 * waiting for a nursing-facility bed), so that the queue shows reviews done as well as due. Runs once the feed's
 * events have been handled, as the reviewer herself.
 */
@Component
class DemoStayReviews {

	private static final Logger log = LoggerFactory.getLogger(DemoStayReviews.class);

	private final ConcurrentReviews reviews;
	private final UserDetailsService users;
	private final Organizations organizations;
	private final JdbcClient jdbc;

	DemoStayReviews(ConcurrentReviews reviews, UserDetailsService users, Organizations organizations, JdbcClient jdbc) {
		this.reviews = reviews;
		this.users = users;
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	void create() {
		awaitListeners();
		UserDetails helen = users.loadUserByUsername("reviewer");
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(helen, null, helen.getAuthorities()));
		SecurityContextHolder.setContext(context);
		int done = 0;
		try {
			BusinessCalendar calendar = organizations.calendar(organizations.primary().orElseThrow().id());
			LocalDate next = calendar.businessDaysAfter(LocalDate.now(calendar.zone()), 1);
			List<StayReviewView> queue = reviews.queue(ReviewQueueQuery.all(), 0, 50).rows();
			for (StayReviewView r : queue) {
				if (done == 2) break;
				NewStayReviewEntry entry = done == 0
						? new NewStayReviewEntry(LevelOfCare.ACUTE, true, CriteriaSet.INTERQUAL, null, "Acute medical, day " + r.dayOfStay(),
								"On IV diuretics with oxygen at 3 L; weight down 1.5 kg since admission. Continued stay at acute level supported.",
								0, null, List.of(DischargeBarrier.HOME_HEALTH), "Home health referral sent today", next)
						: new NewStayReviewEntry(LevelOfCare.ACUTE, false, CriteriaSet.MCG, null, "Inpatient and surgical care, day " + r.dayOfStay(),
								"Stable on oral antibiotics since yesterday; no longer meets acute criteria. Waiting for a skilled nursing bed.",
								1, AvoidableDayReason.AWAITING_POST_ACUTE_BED, List.of(DischargeBarrier.POST_ACUTE_PLACEMENT),
								"Two facilities asked; one bed expected tomorrow", next);
				reviews.record(r.id(), entry, r.version());
				done++;
			}
			log.info("Demo concurrent review: {} stays in the reviewer's queue, {} reviewed", queue.size(), done);
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
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
