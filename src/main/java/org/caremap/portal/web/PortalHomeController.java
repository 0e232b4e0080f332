package org.caremap.portal.web;

import java.util.Set;

import org.caremap.identity.PortalPrincipal;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.portal.PortalAccounts;
import org.caremap.portal.PortalSection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's home: whose care this is, and the parts of it this person may see. */
@Controller
class PortalHomeController {

	private final PortalAccounts accounts;
	private final PatientRegistry patients;
	private final org.caremap.task.Tasks tasks;
	private final org.caremap.team.PatientMessages messages;

	// looked up when a page is asked for: Caremap run as a command (no web server) has no handler mappings
	private final org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping> mappings;

	PortalHomeController(PortalAccounts accounts, PatientRegistry patients, org.caremap.task.Tasks tasks, org.caremap.team.PatientMessages messages,
			org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping> mappings) {
		this.accounts = accounts;
		this.tasks = tasks;
		this.messages = messages;
		this.patients = patients;
		this.mappings = mappings;
	}

	/** Whether a section's page is served (the sections built by other parts of the portal show once they are). */
	private boolean served(PortalSection section) {
		String path = "/portal/" + section.path();
		return mappings.stream().anyMatch(mapping -> mapping.getHandlerMethods().keySet().stream()
			.anyMatch(info -> info.getPatternValues().contains(path)));
	}

	@GetMapping("/portal")
	String home(Model model) {
		PortalPrincipal me = PortalPrincipal.get().orElseThrow();
		Set<PortalSection> sections = accounts.sections(me);
		model.addAttribute("sections", PortalSection.forPatient().stream().filter(sections::contains).filter(this::served).toList());
		PatientHeader patient = sections.isEmpty() ? null : patients.headers(Set.of(me.patient())).get(me.patient());
		model.addAttribute("patientName", patient == null ? null : patient.givenName() + " " + patient.familyName());
		// how many things there are to do, shown on their section
		java.util.Map<PortalSection, Long> counts = new java.util.EnumMap<>(PortalSection.class);
		if (sections.contains(PortalSection.TASKS)) counts.put(PortalSection.TASKS, (long) tasks.forThePatient(me.patient()).size());
		if (sections.contains(PortalSection.MESSAGES) && messages.mayRead(me.patient())) {
			counts.put(PortalSection.MESSAGES, messages.unread(me.patient()));
		}
		model.addAttribute("counts", counts);
		return "portal/home";
	}
}
