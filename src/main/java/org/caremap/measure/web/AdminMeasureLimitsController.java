package org.caremap.measure.web;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.Valid;

import org.caremap.measure.MeasureKind;
import org.caremap.measure.MeasureLimit;
import org.caremap.measure.Measures;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration of a program's limits for self-reported measures: a reading of an enrolled patient below the lower
 * or above the upper limit makes a task for the case manager. An empty pair clears the kind's limits.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@RequestMapping("/admin/programs/{id}/measures")
class AdminMeasureLimitsController {

	/** Every kind's limits as the page posts them (blood pressure: systolic, then diastolic). */
	record LimitsForm(@Nullable BigDecimal bloodPressureLow, @Nullable BigDecimal bloodPressureHigh,
			@Nullable BigDecimal bloodPressureDiastolicLow, @Nullable BigDecimal bloodPressureDiastolicHigh,
			@Nullable BigDecimal weightLow, @Nullable BigDecimal weightHigh, @Nullable BigDecimal glucoseLow,
			@Nullable BigDecimal glucoseHigh, @Nullable BigDecimal moodLow, @Nullable BigDecimal moodHigh,
			@Nullable BigDecimal stepsLow, @Nullable BigDecimal stepsHigh) {

		static LimitsForm of(java.util.List<MeasureLimit> limits) {
			BigDecimal[] v = new BigDecimal[12];
			for (MeasureLimit l : limits) {
				switch (l.kind()) {
					case BLOOD_PRESSURE -> { v[0] = l.low(); v[1] = l.high(); v[2] = l.diastolicLow(); v[3] = l.diastolicHigh(); }
					case WEIGHT -> { v[4] = l.low(); v[5] = l.high(); }
					case GLUCOSE -> { v[6] = l.low(); v[7] = l.high(); }
					case MOOD -> { v[8] = l.low(); v[9] = l.high(); }
					case STEPS -> { v[10] = l.low(); v[11] = l.high(); }
				}
			}
			return new LimitsForm(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
		}

		MeasureLimit limit(ProgramId program, MeasureKind kind) {
			return switch (kind) {
				case BLOOD_PRESSURE -> new MeasureLimit(program, kind, bloodPressureLow, bloodPressureHigh,
						bloodPressureDiastolicLow, bloodPressureDiastolicHigh);
				case WEIGHT -> new MeasureLimit(program, kind, weightLow, weightHigh, null, null);
				case GLUCOSE -> new MeasureLimit(program, kind, glucoseLow, glucoseHigh, null, null);
				case MOOD -> new MeasureLimit(program, kind, moodLow, moodHigh, null, null);
				case STEPS -> new MeasureLimit(program, kind, stepsLow, stepsHigh, null, null);
			};
		}

		/** The form's field for a kind and a limit ({@code low}, {@code high}, {@code diastolicLow}...). */
		static String field(MeasureKind kind, String limit) {
			String k = switch (kind) {
				case BLOOD_PRESSURE -> "bloodPressure";
				case WEIGHT -> "weight";
				case GLUCOSE -> "glucose";
				case MOOD -> "mood";
				case STEPS -> "steps";
			};
			return k + Character.toUpperCase(limit.charAt(0)) + limit.substring(1);
		}
	}

	private final Programs programs;
	private final Measures measures;

	AdminMeasureLimitsController(Programs programs, Measures measures) {
		this.programs = programs;
		this.measures = measures;
	}

	private ProgramView program(UUID id, Model model) {
		ProgramView p = programs.find(new ProgramId(id)).orElseThrow(() -> new NotFoundException("program", id));
		model.addAttribute("program", p);
		model.addAttribute("kinds", MeasureKind.values());
		return p;
	}

	@GetMapping
	String page(@PathVariable UUID id, Model model) {
		program(id, model);
		model.addAttribute("form", LimitsForm.of(measures.limits(new ProgramId(id))));
		return "measure/admin-limits";
	}

	@PostMapping
	String save(@PathVariable UUID id, @Valid @ModelAttribute("form") LimitsForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		program(id, model);
		if (errors.hasErrors()) return "measure/admin-limits";
		for (MeasureKind kind : MeasureKind.values()) {
			try {
				measures.setLimit(form.limit(new ProgramId(id), kind));
			}
			catch (DomainException ex) {
				String code = ex.code();
				String rest = code.startsWith("measure.limit-") ? code.substring("measure.limit-".length()) : "";
				int dash = rest.indexOf('-');
				if (dash > 0) errors.rejectValue(LimitsForm.field(kind, rest.substring(0, dash)), "error." + code, ex.arguments(), ex.getMessage());
				else errors.reject("error." + code, ex.arguments(), ex.getMessage());
			}
		}
		if (errors.hasErrors()) return "measure/admin-limits";
		redirect.addFlashAttribute("flash", "admin.measureLimits.saved");
		return "redirect:/admin/programs/" + id + "/measures";
	}
}
