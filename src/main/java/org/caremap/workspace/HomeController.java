package org.caremap.workspace;

import java.util.ArrayList;
import java.util.List;

import org.caremap.access.PatientAccess;
import org.caremap.caseload.Cases;
import org.caremap.program.Programs;
import org.caremap.referral.QueueFilter;
import org.caremap.referral.ReferralStatus;
import org.caremap.referral.Referrals;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.notification.Notifications;
import org.caremap.organization.Organizations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: one panel per role the user holds, each with the work that role starts from. */
@Controller
class HomeController {

	/** A panel on the home page: a title key, figures, and links. */
	record Panel(Role role, List<Figure> figures, List<Link> links) {
	}

	record Figure(String labelKey, long value) {
	}

	record Link(String labelKey, String href, String icon) {
	}

	private final PatientAccess access;
	private final UserAccounts accounts;
	private final Notifications notifications;
	private final Organizations organizations;
	private final Cases cases;
	private final Referrals referrals;
	private final Programs programs;

	HomeController(PatientAccess access, UserAccounts accounts, Notifications notifications,
			Organizations organizations, Cases cases, Referrals referrals, Programs programs) {
		this.access = access;
		this.accounts = accounts;
		this.notifications = notifications;
		this.organizations = organizations;
		this.cases = cases;
		this.referrals = referrals;
		this.programs = programs;
	}

	@GetMapping("/")
	String home(Model model) {
		CurrentUser me = CurrentUser.require();
		List<Panel> panels = new ArrayList<>();
		long myPatients = access.patientsOf(me.id()).size();
		long unread = notifications.unreadCount(me.id());
		for (Role role : me.roles()) {
			panels.add(switch (role) {
				case ADMIN -> new Panel(role,
						List.of(new Figure("home.figure.users", accounts.count()),
								new Figure("home.figure.programs", programs.active().size())),
						List.of(new Link("nav.admin.users", "/admin/users", "bi-people"),
								new Link("nav.admin.programs", "/admin/programs", "bi-collection"),
								new Link("nav.admin.audit", "/admin/audit", "bi-shield-check")));
				case SUPERVISOR -> {
					var loads = cases.loads(null);
					yield new Panel(role,
							List.of(new Figure("home.figure.programsSupervised", programs.supervisedBy(me.id()).size()),
									new Figure("home.figure.openCases", loads.stream().mapToInt(l -> l.cases()).sum()),
									new Figure("home.figure.waiting", waiting())),
							List.of(new Link("nav.caseloads", "/caseload/team", "bi-people"),
									new Link("nav.referrals", "/referrals", "bi-inbox")));
				}
				case CASE_MANAGER -> new Panel(role,
						List.of(new Figure("home.figure.openCases", cases.caseload(me.id()).size()),
								new Figure("home.figure.unread", unread)),
						List.of(new Link("nav.caseload", "/caseload", "bi-person-lines-fill"),
								new Link("nav.patients", "/patients", "bi-search")));
				case INTAKE -> new Panel(role,
						List.of(new Figure("home.figure.waiting", waiting()),
								new Figure("home.figure.screening", referrals.screenedBy(me.id()))),
						List.of(new Link("nav.referrals", "/referrals", "bi-inbox"),
								new Link("referral.new", "/referrals/new", "bi-plus-lg"),
								new Link("patient.register.title", "/patients/new", "bi-person-plus")));
				case CARE_TEAM, UTILIZATION_REVIEW -> new Panel(role,
						List.of(new Figure("home.figure.myPatients", myPatients),
								new Figure("home.figure.unread", unread)),
						List.of(new Link("nav.patients", "/patients", "bi-search"),
								new Link("nav.notifications", "/notifications", "bi-bell")));
			});
		}
		model.addAttribute("panels", panels);
		organizations.primary().ifPresent(org -> model.addAttribute("organization", org));
		return "workspace/home";
	}

	private long waiting() {
		return referrals.queue(new QueueFilter(java.util.Set.of(ReferralStatus.RECEIVED), null, null, null, 500)).size();
	}

	@GetMapping("/help")
	String help() {
		return "workspace/help";
	}

	/** Keeps the session of someone working in a long form alive (the page calls it while they type). */
	@org.springframework.web.bind.annotation.GetMapping("/session/keepalive")
	org.springframework.http.ResponseEntity<Void> keepalive() {
		return org.springframework.http.ResponseEntity.noContent()
			.header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store").build();
	}
}
