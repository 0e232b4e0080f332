package org.caremap.timeline.web;

import java.util.UUID;

import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.shared.PatientId;
import org.caremap.timeline.Timeline;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** The chart's timeline tab: everything that happened to the patient, newest first, from every module. */
@ChartPage
@Controller
@RequestMapping("/patients")
class TimelineController {

	private final ChartHeaders headers;
	private final Timeline timeline;

	TimelineController(ChartHeaders headers, Timeline timeline) {
		this.headers = headers;
		this.timeline = timeline;
	}

	@GetMapping("/{id}/timeline")
	String timeline(@PathVariable UUID id, Model model) {
		headers.prepare(id, model, "timeline");
		model.addAttribute("entries", timeline.of(new PatientId(id)));
		return "timeline/timeline";
	}

	/** The timeline tab of the chart, after the summary. */
	@Component
	static final class Tab implements ChartTab {

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
