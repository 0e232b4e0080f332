package org.caremap.patient.web;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The chart's coverage tab: the patient's insurance in order of priority, adding one. */
@ChartPage
@Controller
@RequestMapping("/patients")
class CoverageController {

	record CoverageForm(@NotBlank @Size(max = 120) String payer, @Size(max = 120) @Nullable String plan,
			@NotBlank @Size(max = 60) String memberId, @Size(max = 60) @Nullable String groupNumber,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate effectiveFrom,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate effectiveTo,
			@NotNull @Min(1) @Max(9) @Nullable Integer priority) {
	}

	private final ChartHeaders headers;
	private final PatientRegistry patients;

	CoverageController(ChartHeaders headers, PatientRegistry patients) {
		this.headers = headers;
		this.patients = patients;
	}

	@GetMapping("/{id}/coverage")
	String coverage(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "coverage");
		model.addAttribute("patient", header.value(PatientDetails.class).orElseThrow());
		if (!model.containsAttribute("coverageForm")) {
			model.addAttribute("coverageForm", new CoverageForm("", "", "", "", LocalDate.now(), null, 1));
		}
		return "patient/coverage";
	}

	@PostMapping("/{id}/coverage")
	String addCoverage(@PathVariable UUID id, @Valid @ModelAttribute("coverageForm") CoverageForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors() && form.effectiveTo() != null && form.effectiveTo().isBefore(form.effectiveFrom())) {
			errors.rejectValue("effectiveTo", "chart.coverage.endsBeforeStart");
		}
		if (errors.hasErrors()) return coverage(id, model);
		patients.addCoverage(new PatientId(id), new Coverage(null, form.payer(), form.plan(), form.memberId(),
				form.groupNumber(), form.effectiveFrom(), form.effectiveTo(), form.priority()));
		redirect.addFlashAttribute("flash", "chart.coverageAdded");
		return "redirect:/patients/" + id + "/coverage";
	}

	/** The coverage tab of the chart, the last one. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "coverage";
		}

		@Override
		public int order() {
			return 100;
		}

		@Override
		public String path() {
			return "/coverage";
		}
	}
}
