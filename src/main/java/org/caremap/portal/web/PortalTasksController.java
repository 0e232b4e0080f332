package org.caremap.portal.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.identity.PortalPrincipal;
import org.caremap.organization.Organizations;
import org.caremap.portal.PortalAccounts;
import org.caremap.portal.PortalSection;
import org.caremap.task.TaskId;
import org.caremap.task.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient's things to do ({@code /portal/tasks}): what the care team asked the patient to do, the soonest due
 * first, each with a "Done" button for those who may act on the record (the patient; a proxy the patient lets see
 * everything). A proxy told the plan reads them; one told appointments only does not see the page. The task module
 * decides and guards; this page only shows and forwards.
 */
@Controller
class PortalTasksController {

	/** A thing to do as the page shows it. */
	record TaskRow(UUID id, String title, @Nullable String description, @Nullable String due, boolean late) {
	}

	private final PortalAccounts accounts;
	private final Tasks tasks;
	private final PatientAccess access;
	private final Organizations organizations;

	PortalTasksController(PortalAccounts accounts, Tasks tasks, PatientAccess access, Organizations organizations) {
		this.accounts = accounts;
		this.tasks = tasks;
		this.access = access;
		this.organizations = organizations;
	}

	private PortalPrincipal require() {
		PortalPrincipal me = PortalPrincipal.get().orElseThrow(() -> new AccessDeniedException("not a portal session"));
		if (!accounts.sections(me).contains(PortalSection.TASKS)) {
			throw new AccessDeniedException("the portal account may not see the things to do");
		}
		return me;
	}

	@GetMapping("/portal/tasks")
	String tasks(Model model, Locale locale) {
		PortalPrincipal me = require();
		DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale)
			.withZone(organizations.zone());
		Instant now = Instant.now();
		List<TaskRow> rows = tasks.forThePatient(me.patient()).stream()
			.map(t -> new TaskRow(t.id().value(), t.title(), t.description(), t.due() == null ? null : dates.format(t.due()),
					t.overdue(now)))
			.toList();
		model.addAttribute("tasks", rows);
		model.addAttribute("mayMarkDone", access.permits(me.patient(), AccessPurpose.CONTRIBUTE));
		return "portal/tasks";
	}

	@PostMapping("/portal/tasks/{task}/done")
	String done(@PathVariable UUID task, RedirectAttributes redirect) {
		PortalPrincipal me = require();
		boolean changed = tasks.doneByThePatient(me.patient(), new TaskId(task));
		redirect.addFlashAttribute("flash", changed ? "portal.tasks.doneSaved" : "portal.tasks.alreadyDone");
		return "redirect:/portal/tasks";
	}
}
