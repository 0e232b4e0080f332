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
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chart itself: its summary, made of the modules' panels, and emergency access, which its refusal page offers
 * clinical staff (the other tabs belong to the modules whose records they show).
 */
@ChartPage
@Controller
@RequestMapping("/patients")
class ChartController {

	private final ChartHeaders headers;
	private final BreakGlass breakGlass;

	ChartController(ChartHeaders headers, BreakGlass breakGlass) {
		this.headers = headers;
		this.breakGlass = breakGlass;
	}

	@GetMapping("/{id}")
	String summary(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "summary");
		model.addAttribute("panels", headers.panels("summary", header, null));
		return "chart/summary";
	}

	/** Opens the record for a while, with a reason, to someone it was refused to (see {@link ChartDenied}). */
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
	static final class Tab implements ChartTab {

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
}
