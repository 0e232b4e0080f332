package org.caremap.workspace;

import java.util.ArrayList;
import java.util.List;

import org.caremap.access.PatientAccess;
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

	HomeController(PatientAccess access, UserAccounts accounts, Notifications notifications,
			Organizations organizations) {
		this.access = access;
		this.accounts = accounts;
		this.notifications = notifications;
		this.organizations = organizations;
	}

	@GetMapping("/")
	String home(Model model) {
		CurrentUser me = CurrentUser.require();
		List<Panel> panels = new ArrayList<>();
		long myPatients = access.patientsOf(me.id()).size();
		long unread = notifications.unreadCount(me.id());
		for (Role role : me.roles()) {
			panels.add(switch (role) {
				case ADMIN -> new Panel(role, List.of(new Figure("home.figure.users", accounts.count())),
						List.of(new Link("nav.admin.users", "/admin/users", "bi-people"),
								new Link("nav.admin.audit", "/admin/audit", "bi-shield-check")));
				case SUPERVISOR -> new Panel(role,
						List.of(new Figure("home.figure.teamMembers", organizations.supervisedBy(me.id()).size())),
						List.of(new Link("nav.notifications", "/notifications", "bi-bell")));
				case CASE_MANAGER, CARE_TEAM, INTAKE, UTILIZATION_REVIEW -> new Panel(role,
						List.of(new Figure("home.figure.myPatients", myPatients),
								new Figure("home.figure.unread", unread)),
						List.of(new Link("nav.notifications", "/notifications", "bi-bell")));
			});
		}
		model.addAttribute("panels", panels);
		organizations.primary().ifPresent(org -> model.addAttribute("organization", org));
		return "workspace/home";
	}

	@GetMapping("/help")
	String help() {
		return "workspace/help";
	}
}
