package org.caremap.transition.web;

import java.util.List;
import java.util.UUID;

import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.transition.EncounterView;
import org.caremap.transition.Transitions;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The chart's stays tab: hospital stays and visits, LACE, the transition clocks and the discharge checklist. */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/stays")
class StaysController {

	private final ChartHeaders headers;
	private final Transitions transitions;

	StaysController(ChartHeaders headers, Transitions transitions) {
		this.headers = headers;
		this.transitions = transitions;
	}

	@GetMapping
	String stays(@PathVariable UUID id, Model model) {
		headers.prepare(id, model, "stays");
		model.addAttribute("stays", transitions.encounters(new PatientId(id)));
		model.addAttribute("items", List.of(EncounterView.ChecklistItem.values()));
		return "transition/stays";
	}

	@PostMapping("/{encounter}/checklist")
	String check(@PathVariable UUID id, @PathVariable UUID encounter,
			@RequestParam(required = false) EncounterView.@Nullable ChecklistItem item,
			@RequestParam(defaultValue = "false") boolean done, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "stays.checked", () -> {
			if (item == null) throw new DomainException("form.incomplete", "choose the item");
			boolean mine = transitions.encounters(new PatientId(id)).stream().anyMatch(e -> e.id().equals(encounter));
			if (!mine) throw new org.caremap.shared.NotFoundException("encounter", encounter);
			transitions.check(encounter, item, done, note);
		});
		return "redirect:/patients/" + id + "/stays";
	}

	/** The stays tab of the chart, after the care plan. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "stays";
		}

		@Override
		public int order() {
			return 60;
		}

		@Override
		public String path() {
			return "/stays";
		}
	}
}
