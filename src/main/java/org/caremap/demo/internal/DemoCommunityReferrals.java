package org.caremap.demo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.caremap.assessment.Assessments;
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
 * accepted by phone, in progress, closed as delivered, declined as not eligible). Needs the demo directory; without
 * services for the needs it makes none.
 */
@Component
class DemoCommunityReferrals {

	private static final Logger log = LoggerFactory.getLogger(DemoCommunityReferrals.class);

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
			List<SocialNeed> open = new ArrayList<>();
			for (CaseloadRow row : cases.caseload(me)) {
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
