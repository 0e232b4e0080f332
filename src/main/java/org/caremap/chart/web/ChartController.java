package org.caremap.chart.web;

import java.time.Duration;
import java.util.UUID;

import org.caremap.access.BreakGlass;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.timeline.Timeline;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Patient search and the patient chart with its tabs. */
@ChartPage
@Controller
@RequestMapping("/patients")
class ChartController {


	private final Timeline timeline;
	private final BreakGlass breakGlass;
	private final ChartHeaders headers;

	ChartController(Timeline timeline, BreakGlass breakGlass, ChartHeaders headers) {
		this.headers = headers;
		this.timeline = timeline;
		this.breakGlass = breakGlass;
	}

	@GetMapping("/{id}")
	String summary(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "summary");
		model.addAttribute("panels", headers.panels("summary", header, null));
		return "chart/summary";
	}

	@GetMapping("/{id}/timeline")
	String timeline(@PathVariable UUID id, Model model) {
		headers.prepare(id, model, "timeline");
		model.addAttribute("entries", timeline.of(new PatientId(id)));
		return "chart/timeline";
	}

	@PostMapping("/{id}/break-glass")
	String breakGlass(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "60") int minutes, RedirectAttributes redirect) {
		try {
			breakGlass.open(new PatientId(id), reason, Duration.ofMinutes(Math.max(1, minutes)));
			redirect.addFlashAttribute("flash", "chart.glassBroken");
			return "redirect:/patients/" + id;
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
			return "redirect:/patients/" + id;
		}
	}

	/** The summary, the chart's first tab. */
	@Component
	static final class SummaryTab implements ChartTab {

		@Override
		public String key() {
			return "summary";
		}

		@Override
		public int order() {
			return 10;
		}

		@Override
		public String path() {
			return "";
		}
	}

	/** The timeline tab. */
	@Component
	static final class TimelineTab implements ChartTab {

		@Override
		public String key() {
			return "timeline";
		}

		@Override
		public int order() {
			return 20;
		}

		@Override
		public String path() {
			return "/timeline";
		}
	}

}
