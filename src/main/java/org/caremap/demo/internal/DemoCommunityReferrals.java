package org.caremap.demo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.caremap.assessment.Answers;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Respondent;
import org.caremap.assessment.SocialNeed;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.community.CommunityReferrals;
import org.caremap.community.DirectorySearch;
import org.caremap.community.NewCommunityReferral;
import org.caremap.community.Need;
import org.caremap.community.ReferralOrigin;
import org.caremap.community.ReferralOutcome;
import org.caremap.community.ReferralStatus;
import org.caremap.community.SearchHit;
import org.caremap.community.SearchQuery;
import org.caremap.identity.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Demo community referrals, so a newcomer sees the closed loop: the demo case manager refers patients of her caseload
 * with an open social need to a directory service that meets it, and the referrals stand in several statuses (sent,
 * accepted by phone, in progress, closed as delivered, declined as not eligible). Her first patients are screened
 * for social needs first (the AHC HRSN screen), each positive for one need. Needs the demo directory (loaded before).
 */
@Component
class DemoCommunityReferrals {

	private static final Logger log = LoggerFactory.getLogger(DemoCommunityReferrals.class);

	private static final String[] NO_SAFETY_CONCERN = { "safety-hurt", "LA6270-8", "safety-insult", "LA6270-8",
			"safety-threaten", "LA6270-8", "safety-scream", "LA6270-8" };

	/** The answers of the demo's screens: one positive domain each (the rest answered as no need). */
	private static final String[][] SCREENS = {
			screen("LA31993-1", "LA28397-0", "LA6729-3", "LA32-8", "LA32-8"),
			screen("LA31994-9", "LA28398-8", "LA28398-8", "LA32-8", "LA32-8"),
			screen("LA31993-1", "LA28398-8", "LA28398-8", "LA33-6", "LA32-8"),
			screen("LA31993-1", "LA6729-3", "LA6729-3", "LA32-8", "LA32-8"),
			screen("LA31993-1", "LA28398-8", "LA28398-8", "LA32-8", "LA33-6") };

	private static String[] screen(String living, String foodWorry, String foodDidntLast, String transport,
			String utilities) {
		List<String> pairs = new ArrayList<>(List.of("living-situation", living, "housing-problems", "LA9-3", "food-worry",
				foodWorry, "food-didnt-last", foodDidntLast, "transportation", transport, "utilities", utilities));
		pairs.addAll(List.of(NO_SAFETY_CONCERN));
		return pairs.toArray(String[]::new);
	}

	private final CommunityReferrals referrals;
	private final DirectorySearch directory;
	private final Assessments assessments;
	private final Cases cases;
	private final UserAccounts accounts;
	private final UserDetailsService users;

	DemoCommunityReferrals(CommunityReferrals referrals, DirectorySearch directory, Assessments assessments, Cases cases,
			UserAccounts accounts, UserDetailsService users) {
		this.referrals = referrals;
		this.directory = directory;
		this.assessments = assessments;
		this.cases = cases;
		this.accounts = accounts;
		this.users = users;
	}

	void create() {
		UserDetails dana = users.loadUserByUsername("casemanager");
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(dana, null, dana.getAuthorities()));
		SecurityContextHolder.setContext(context);
		int made = 0;
		try {
			var me = accounts.findByUsername("casemanager").orElseThrow().id();
			// the first patients of her caseload were screened for social needs (AHC HRSN) a week ago, each positive
			// for one need: food, housing, transport, food again, utilities
			List<CaseloadRow> rows = cases.caseload(me);
			for (int i = 0; i < Math.min(SCREENS.length, rows.size()); i++) {
				CaseloadRow row = rows.get(i);
				if (assessments.needs(row.patient()).stream().anyMatch(SocialNeed::open)) continue;
				java.util.UUID screen = assessments.assign(row.patient(), row.id(), "ahc-hrsn",
						java.time.LocalDate.now().minusDays(7));
				assessments.complete(screen, Answers.single(SCREENS[i]), Respondent.PATIENT, 0);
			}
			List<SocialNeed> open = new ArrayList<>();
			for (CaseloadRow row : rows) {
				assessments.needs(row.patient()).stream().filter(SocialNeed::open).findFirst().ifPresent(open::add);
				if (open.size() == 5) break;
			}
			for (SocialNeed need : open) {
				Optional<SearchHit> service = Need.of(need.code())
					.flatMap(n -> directory.search(SearchQuery.forNeed(n)).stream().findFirst());
				if (service.isEmpty()) continue;
				var id = referrals.send(new NewCommunityReferral(need.patient(), service.get().id(), ReferralOrigin.Kind.NEED,
						need.id(), "Help with " + need.label().toLowerCase(java.util.Locale.ENGLISH) + "; please call the patient",
						new NewCommunityReferral.Sharing(true, false, true, true, false, null),
						new NewCommunityReferral.ContactPreferences(true, made % 2 == 0, false, "Weekday afternoons", null), null));
				switch (made) {
					case 1 -> act(id, ReferralStatus.Action.ACCEPT, null, null);
					case 2 -> {
						act(id, ReferralStatus.Action.ACCEPT, null, null);
						act(id, ReferralStatus.Action.START, null, null);
					}
					case 3 -> {
						act(id, ReferralStatus.Action.ACCEPT, null, null);
						act(id, ReferralStatus.Action.COMPLETE, null, ReferralOutcome.SERVICE_DELIVERED);
					}
					case 4 -> act(id, ReferralStatus.Action.REJECT, "Not eligible: outside the service area", null);
					default -> {
					}
				}
				made++;
			}
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
		log.info("Demo community referrals: {}", made);
	}

	private void act(java.util.UUID id, ReferralStatus.Action action, @org.jspecify.annotations.Nullable String reason,
			@org.jspecify.annotations.Nullable ReferralOutcome outcome) {
		int version = referrals.find(id).orElseThrow().version();
		referrals.act(id, action, reason, outcome, "Told by phone", version);
	}
}
