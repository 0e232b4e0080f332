package org.caremap.demo.internal;

import java.util.Comparator;
import java.util.List;

import org.caremap.caseload.Supervision;
import org.caremap.caseload.SupervisionView;
import org.caremap.caseload.TeamMemberLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo team's capacity targets, set by Priya (the demo supervisor) so that the supervision page has something to
 * balance: the case manager with the heavier caseload is on a reduced target (she covers the transitions rota this
 * quarter), so she is over it; the other has room. The suggested rebalancing then proposes moving a few of her
 * lowest-acuity cases. Made once (not again when any target is set), through the caseload module's API.
 */
@Component
@Order(145)
class DemoSupervision implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSupervision.class);

	/** How far under her weight the heavier case manager's target is set. */
	static final int OVER_BY = 6;

	private final DemoOrganization demo;
	private final Supervision supervision;
	private final UserDetailsService users;

	DemoSupervision(DemoOrganization demo, Supervision supervision, UserDetailsService users) {
		this.demo = demo;
		this.supervision = supervision;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		SecurityContext previous = SecurityContextHolder.getContext();
		try {
			UserDetails priya = users.loadUserByUsername("supervisor");
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(priya, null, priya.getAuthorities()));
			SecurityContextHolder.setContext(context);
			create();
		}
		catch (RuntimeException ex) {
			log.warn("Demo supervision targets not made: {}", ex.getMessage());
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	private void create() {
		SupervisionView view = supervision.view();
		if (view.team().stream().anyMatch(TeamMemberLoad::targetSet)) return;
		List<TeamMemberLoad> working = view.team().stream().filter(m -> m.cases() > 0 && m.mayTakeNewCases())
			.sorted(Comparator.comparingInt(TeamMemberLoad::weight).reversed().thenComparing(TeamMemberLoad::name))
			.toList();
		if (working.size() < 2) return;
		TeamMemberLoad heavier = working.get(0);
		TeamMemberLoad lighter = working.get(working.size() - 1);
		supervision.setCapacity(heavier.user(), Math.max(1, heavier.weight() - OVER_BY),
				"Covers the transitions rota this quarter: a lighter caseload until March.");
		supervision.setCapacity(lighter.user(), Math.max(view.defaultCapacity(), lighter.weight() + 2 * OVER_BY),
				"Full time, settled in: room for more.");
		log.info("Demo supervision: targets set, {} moves suggested", supervision.view().suggestions().size());
	}
}
