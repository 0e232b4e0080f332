package org.caremap.task.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.identity.CurrentUser;
import org.caremap.shared.DomainException;
import org.caremap.task.TaskId;
import org.caremap.task.Tasks;
import org.caremap.task.WorklistRow;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My day": what is due, what is late, what waits in the team queue; complete or claim from the row. */
@Controller
class MyDayController {

	private final Tasks tasks;
	private final org.caremap.organization.Organizations organizations;

	MyDayController(Tasks tasks, org.caremap.organization.Organizations organizations) {
		this.tasks = tasks;
		this.organizations = organizations;
	}

	/** How far ahead the day's list looks; later work is counted, and listed on request. */
	static final int AHEAD_DAYS = 7;

	@GetMapping("/myday")
	String myDay(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean all, Model model) {
		// through the end of the seventh day from today, in the organisation's zone
		java.time.ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneOffset.UTC);
		Instant horizon = all ? null : java.time.LocalDate.now(zone).plusDays(AHEAD_DAYS + 1).atStartOfDay(zone).toInstant();
		List<WorklistRow> rows = tasks.myDay(CurrentUser.require().id(), horizon);
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (WorklistRow.Bucket bucket : WorklistRow.Bucket.values()) {
			counts.put(bucket.name(), rows.stream().filter(r -> r.bucket() == bucket).count());
		}
		model.addAttribute("rows", rows);
		model.addAttribute("groups", groups(rows));
		model.addAttribute("counts", counts);
		model.addAttribute("all", all);
		model.addAttribute("later", horizon == null ? 0L : tasks.openFrom(CurrentUser.require().id(), horizon));
		model.addAttribute("now", Instant.now());
		return "task/myday";
	}

	/** A patient's rows, shown together under the patient's name when there are several. */
	record PatientRows(WorklistRow first, List<WorklistRow> rows) {

		public boolean several() {
			return rows.size() > 1;
		}
	}

	/** The worklist comes ranked with each patient's rows together: cut it where the patient changes. */
	static List<PatientRows> groups(List<WorklistRow> rows) {
		List<PatientRows> groups = new java.util.ArrayList<>();
		List<WorklistRow> current = new java.util.ArrayList<>();
		for (WorklistRow r : rows) {
			if (!current.isEmpty() && (!current.get(0).patient().equals(r.patient())
					|| current.get(0).teamQueue() != r.teamQueue())) {
				groups.add(new PatientRows(current.get(0), List.copyOf(current)));
				current.clear();
			}
			current.add(r);
		}
		if (!current.isEmpty()) groups.add(new PatientRows(current.get(0), List.copyOf(current)));
		return groups;
	}

	@PostMapping("/tasks/{id}/complete")
	String complete(@PathVariable UUID id, @RequestParam(defaultValue = "") String outcome,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		try {
			tasks.complete(new TaskId(id), outcome);
			if (htmx != null) {
				model.addAttribute("taskId", id);
				model.addAttribute("outcome", outcome);
				return "task/rows :: done";
			}
			redirect.addFlashAttribute("flash", "task.completed");
		}
		catch (DomainException ex) {
			if (htmx != null) {
				model.addAttribute("taskId", id);
				model.addAttribute("errorKey", "error." + ex.code());
				model.addAttribute("errorArgs", ex.arguments());
				return "task/rows :: failed";
			}
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/myday";
	}

	@PostMapping("/tasks/{id}/claim")
	String claim(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			tasks.claim(new TaskId(id));
			redirect.addFlashAttribute("flash", "task.claimed");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return "redirect:/myday";
	}
}
