package org.caremap.measure.web;

import java.time.ZoneId;
import java.util.UUID;

import jakarta.validation.Valid;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.measure.MeasureKind;
import org.caremap.measure.MeasureSeries;
import org.caremap.measure.Measures;
import org.caremap.measure.ReadingForm;
import org.caremap.measure.ReadingView;
import org.caremap.organization.Organizations;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chart's measures tab: every kind's readings charted, the latest readings with who entered them (the patient,
 * a proxy, staff) and those out of a program's limits marked, the limits of the patient's programs, and a reading
 * entered by staff (CONTRIBUTE, checked by the measure module).
 */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/measures")
class MeasuresController {

	private static final String TAB = "measures";

	private final ChartHeaders headers;
	private final Measures measures;
	private final Organizations organizations;
	private final PatientAccess access;

	MeasuresController(ChartHeaders headers, Measures measures, Organizations organizations, PatientAccess access) {
		this.access = access;
		this.headers = headers;
		this.measures = measures;
		this.organizations = organizations;
	}

	@GetMapping
	String page(@PathVariable UUID id, @RequestParam(name = "kind", required = false) @Nullable MeasureKind kind, Model model) {
		MeasureKind chosen = kind == null ? MeasureKind.BLOOD_PRESSURE : kind;
		if (!model.containsAttribute("readingForm")) model.addAttribute("readingForm", ReadingForm.blank(chosen, zone()));
		return show(id, chosen, model);
	}

	@PostMapping
	String record(@PathVariable UUID id, @Valid @ModelAttribute("readingForm") ReadingForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		// refused before the form is read, so that a refused person never learns what the form would have said
		access.require(new PatientId(id), AccessPurpose.CONTRIBUTE);
		headers.prepare(id, model, TAB);
		MeasureKind kind = form.kind() == null ? MeasureKind.BLOOD_PRESSURE : form.kind();
		if (!errors.hasErrors()) {
			try {
				ReadingView saved = measures.record(form.reading(new PatientId(id), zone()));
				redirect.addFlashAttribute("flash", saved.outOfRange() ? "measure.savedOutOfRange" : "measure.saved");
				return "redirect:/patients/" + id + "/measures?kind=" + kind.name();
			}
			catch (DomainException ex) {
				ReadingForm.reject(errors, ex);
			}
		}
		return show(id, kind, model);
	}

	private String show(UUID id, MeasureKind kind, Model model) {
		if (!model.containsAttribute("h")) headers.prepare(id, model, TAB);
		PatientId patient = new PatientId(id);
		var readings = measures.readings(patient, 200);
		model.addAttribute("kinds", MeasureKind.values());
		model.addAttribute("kind", kind);
		model.addAttribute("readings", readings.stream().limit(30).toList());
		model.addAttribute("series", new MeasureSeries(kind, readings));
		model.addAttribute("limits", measures.limitsFor(patient));
		model.addAttribute("formAction", "/patients/" + id + "/measures");
		model.addAttribute("base", "/patients/" + id + "/measures");
		return "measure/measures";
	}

	private ZoneId zone() {
		return organizations.zone();
	}

	/** The measures tab of the chart, after the medications. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return TAB;
		}

		@Override
		public int order() {
			return 56;
		}

		@Override
		public String path() {
			return "/measures";
		}
	}
}
