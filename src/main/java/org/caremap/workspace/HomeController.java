package org.caremap.workspace;

import java.util.List;

import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.organization.Organizations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: for each role the user holds, the work that role starts the day from (see {@link RoleHomes}): a
 * case manager's safety work, late work, today's and the week's; a supervisor's team; intake's queue. A utilization
 * reviewer's home is the queue of stays to review (the utilization module's page).
 */
@Controller
class HomeController {

	private final RoleHomes homes;
	private final Organizations organizations;

	HomeController(RoleHomes homes, Organizations organizations) {
		this.homes = homes;
		this.organizations = organizations;
	}

	@GetMapping("/")
	String home(Model model) {
		CurrentUser me = CurrentUser.require();
		// a utilization reviewer's day is the queue of stays to review: it is their home
		if (me.roles().equals(java.util.Set.of(Role.UTILIZATION_REVIEW))) return "redirect:/reviews";
		// the roles in a fixed order: a person with several sees the same page every day
		List<Role> roles = java.util.Arrays.stream(Role.values()).filter(me.roles()::contains).toList();
		model.addAttribute("roles", roles);
		java.util.Map<Role, RoleHomes.Panel> panels = new java.util.EnumMap<>(Role.class);
		for (Role role : roles) {
			switch (role) {
				case CASE_MANAGER -> model.addAttribute("caseManager", homes.caseManager(me));
				case SUPERVISOR -> model.addAttribute("supervisor", homes.supervisor(me));
				case INTAKE -> model.addAttribute("intake", homes.intake(me));
				case ADMIN, CARE_TEAM, UTILIZATION_REVIEW -> panels.put(role, homes.panel(me, role));
			}
		}
		model.addAttribute("panels", panels);
		model.addAttribute("now", java.time.Instant.now());
		organizations.primary().ifPresent(org -> model.addAttribute("organization", org));
		return "workspace/home";
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
