package org.caremap.task.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.identity.CurrentUser;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.task.TrackedTransition;
import org.caremap.task.TransitionTracker;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The transitions tracker's pages: a case manager's transitions across their patients, one discharge's steps with
 * their evidence and the TCM line (a page of the chart), and the supervisor's view of timeliness.
 */
@ChartPage
@Controller
class TransitionTrackerController {

	private final TransitionTracker tracker;
	private final ChartHeaders headers;
	private final PatientRegistry patients;
	private final Organizations organizations;

	TransitionTrackerController(TransitionTracker tracker, ChartHeaders headers, PatientRegistry patients, Organizations organizations) {
		this.tracker = tracker;
		this.headers = headers;
		this.patients = patients;
		this.organizations = organizations;
	}

	/** A transition with the patient's name, for the lists. */
	record Line(TrackedTransition tracked, String name) {
	}

	@GetMapping("/transitions/mine")
	String mine(@RequestParam(defaultValue = "open") String show, Model model) {
		List<TrackedTransition> all = tracker.mine(CurrentUser.require().id());
		boolean open = !"all".equals(show);
		List<TrackedTransition> shown = all.stream().filter(t -> !open || t.status().equals("OPEN")).toList();
		Map<PatientId, PatientHeader> names = shown.isEmpty() ? Map.of()
				: patients.headers(shown.stream().map(TrackedTransition::patient).distinct().toList());
		model.addAttribute("lines", shown.stream()
			.map(t -> new Line(t, names.containsKey(t.patient()) ? names.get(t.patient()).displayName() : "")).toList());
		model.addAttribute("show", open ? "open" : "all");
		model.addAttribute("openCount", all.stream().filter(t -> t.status().equals("OPEN")).count());
		model.addAttribute("allCount", all.size());
		return "task/my-transitions";
	}

	@GetMapping("/transitions/timeliness")
	String timeliness(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, Model model) {
		ZoneId zone = organizations.primary().map(o -> organizations.calendar(o.id()).zone()).orElse(ZoneId.of("UTC"));
		LocalDate end = to == null ? LocalDate.now(zone) : to;
		LocalDate start = from == null ? end.minusDays(30) : from;
		model.addAttribute("t", tracker.timeliness(start, end));
		return "task/timeliness";
	}

	@GetMapping("/patients/{id}/transitions/{encounter}")
	String transition(@PathVariable UUID id, @PathVariable UUID encounter, Model model) {
		headers.prepare(id, model, "stays");
		TrackedTransition t = tracker.of(new PatientId(id), encounter)
			.orElseThrow(() -> new NotFoundException("transition", encounter));
		model.addAttribute("t", t);
		model.addAttribute("levels", TrackedTransition.DecisionMaking.values());
		return "task/transition";
	}

	@PostMapping("/patients/{id}/transitions/{encounter}/decision-making")
	String decisionMaking(@PathVariable UUID id, @PathVariable UUID encounter,
			@RequestParam(required = false) TrackedTransition.@Nullable DecisionMaking level, RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "tracker.mdm.saved", () -> {
			if (level == null) throw new DomainException("form.incomplete", "choose the complexity");
			tracker.recordDecisionMaking(new PatientId(id), encounter, level);
		});
		return "redirect:/patients/" + id + "/transitions/" + encounter;
	}
}
