package org.caremap.utilization.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.utilization.ConcurrentReviews;
import org.caremap.utilization.StayReviewEntry;
import org.caremap.utilization.StayReviewView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The chart's reviews tab: the patient's stays under concurrent review (payer, expected and actual days, reviewer,
 * status) with every review recorded on each, the latest first. Reading it needs the patient's record open to the
 * reader; the utilization module checks and audits.
 */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/reviews")
class StayReviewsController {

	/** A stay under review with its recorded reviews. */
	record Stay(StayReviewView review, List<StayReviewEntry> entries) {
	}

	private final ChartHeaders headers;
	private final ConcurrentReviews reviews;
	private final UserAccounts accounts;

	StayReviewsController(ChartHeaders headers, ConcurrentReviews reviews, UserAccounts accounts) {
		this.headers = headers;
		this.reviews = reviews;
		this.accounts = accounts;
	}

	@GetMapping
	String tab(@PathVariable UUID id, Model model) {
		headers.prepare(id, model, "reviews");
		List<StayReviewView> stays = reviews.ofPatient(new PatientId(id));
		model.addAttribute("stays", stays.stream().map(r -> new Stay(r, reviews.entries(r.id()))).toList());
		Map<UserId, String> names = accounts.displayNames(stays.stream().map(StayReviewView::reviewer)
			.filter(java.util.Objects::nonNull).distinct().toList());
		Map<String, String> reviewerNames = new LinkedHashMap<>();
		names.forEach((k, v) -> reviewerNames.put(k.value().toString(), v));
		model.addAttribute("reviewerNames", reviewerNames);
		return "utilization/review/chart-reviews";
	}

	/** The reviews tab of the chart, after the stays; shown on the charts of patients who have had a stay reviewed. */
	@Component
	static final class Tab implements ChartTab {

		private final JdbcClient jdbc;

		Tab(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String key() {
			return "reviews";
		}

		@Override
		public int order() {
			return 65;
		}

		@Override
		public String path() {
			return "/reviews";
		}

		@Override
		public boolean shownFor(PatientId patient, Set<AccessPurpose> allowed) {
			if (!allowed.contains(AccessPurpose.READ)) return false;
			return jdbc.sql("select exists (select 1 from stay_review where patient_id = ?)").param(patient.value())
				.query(Boolean.class).single();
		}
	}
}
