package org.caremap.task.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.task.ClockAudience;
import org.caremap.task.ClockSettings;
import org.caremap.task.ClockStart;
import org.caremap.task.ClockStop;
import org.caremap.task.ClockUnit;
import org.caremap.task.ClockView;
import org.caremap.task.Clocks;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin > Programs > a program's service-level clocks: the list, and a form to add, change or retire one. */
@Controller
@RequestMapping("/admin/programs/{programId}/clocks")
class ClockAdminController {

	/** The clock form: bounded text, enums by name, numbers in range; never bound to a stored clock. */
	record ClockForm(@NotBlank @Size(max = 120) String name, @NotNull @Nullable ClockStart start,
			@NotNull @Nullable ClockStop stop, @NotNull @Nullable ClockUnit unit,
			@NotNull @Min(1) @Max(ClockSettings.MAX_TARGET) @Nullable Integer target,
			@Min(0) @Max(ClockSettings.MAX_TARGET - 1) @Nullable Integer warnBefore, boolean pauseOnHold,
			boolean pauseInHospital, boolean keepTimeLeft, @NotNull @Nullable ClockAudience tell, int version) {

		static ClockForm empty() {
			return new ClockForm("", ClockStart.ENROLMENT, ClockStop.FIRST_CONTACT, ClockUnit.BUSINESS_DAYS, 2, 1, true, false,
					true, ClockAudience.BOTH, 0);
		}

		static ClockForm of(ClockView v) {
			ClockSettings s = v.settings();
			return new ClockForm(s.name(), s.start(), s.stop(), s.unit(), s.target(), s.warnBefore(), s.pauseOnHold(),
					s.pauseInHospital(), s.keepTimeLeft(), s.tell(), v.version());
		}

		@SuppressWarnings("NullAway")
		ClockSettings settings() {
			return new ClockSettings(name, start, stop, unit, target, warnBefore, pauseOnHold, pauseInHospital, keepTimeLeft, tell);
		}
	}

	private final Clocks clocks;
	private final Programs programs;

	ClockAdminController(Clocks clocks, Programs programs) {
		this.clocks = clocks;
		this.programs = programs;
	}

	private ProgramView program(UUID id) {
		return programs.find(new ProgramId(id)).orElseThrow(() -> new NotFoundException("program", id));
	}

	@ModelAttribute
	void choices(@PathVariable UUID programId, Model model) {
		model.addAttribute("program", program(programId));
		model.addAttribute("starts", List.of(ClockStart.values()));
		model.addAttribute("stops", List.of(ClockStop.FIRST_CONTACT, ClockStop.ASSESSMENT_COMPLETED, ClockStop.AUTHORIZATION_DECIDED,
				ClockStop.REFERRAL_DECIDED));
		model.addAttribute("units", List.of(ClockUnit.values()));
		model.addAttribute("audiences", List.of(ClockAudience.values()));
	}

	@GetMapping
	String list(@PathVariable UUID programId, Model model) {
		model.addAttribute("clocks", clocks.ofProgram(new ProgramId(programId)));
		return "task/clocks-admin";
	}

	@GetMapping("/new")
	String newClock(Model model) {
		model.addAttribute("form", ClockForm.empty());
		return "task/clock-form";
	}

	@PostMapping("/new")
	String add(@PathVariable UUID programId, @Valid @ModelAttribute("form") ClockForm form, BindingResult errors,
			RedirectAttributes redirect) {
		check(form, errors, false);
		if (errors.hasErrors()) return "task/clock-form";
		try {
			clocks.add(new ProgramId(programId), form.settings());
		}
		catch (DomainException ex) {
			errors.rejectValue("stop", "error." + ex.code(), ex.arguments(), ex.getMessage());
			return "task/clock-form";
		}
		redirect.addFlashAttribute("flash", "clocks.saved");
		return "redirect:/admin/programs/" + programId + "/clocks";
	}

	@GetMapping("/{clock}")
	String edit(@PathVariable UUID programId, @PathVariable UUID clock, Model model) {
		ClockView v = clocks.find(new ProgramId(programId), clock).orElseThrow(() -> new NotFoundException("clock", clock));
		model.addAttribute("clock", v);
		model.addAttribute("form", ClockForm.of(v));
		return "task/clock-form";
	}

	@PostMapping("/{clock}")
	String change(@PathVariable UUID programId, @PathVariable UUID clock, @Valid @ModelAttribute("form") ClockForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		ClockView v = clocks.find(new ProgramId(programId), clock).orElseThrow(() -> new NotFoundException("clock", clock));
		model.addAttribute("clock", v);
		if (!v.builtIn()) check(form, errors, false);
		if (errors.hasErrors()) return "task/clock-form";
		try {
			ClockForm kept = v.builtIn() ? new ClockForm(form.name(), v.settings().start(), v.settings().stop(),
					v.settings().unit(), v.settings().target(), form.warnBefore(), form.pauseOnHold(), false,
					form.keepTimeLeft(), form.tell(), form.version()) : form;
			if (v.builtIn()) check(kept, errors, true);
			if (errors.hasErrors()) return "task/clock-form";
			clocks.change(new ProgramId(programId), clock, kept.settings(), form.version());
		}
		catch (DomainException ex) {
			errors.reject("error." + ex.code(), ex.getMessage());
			return "task/clock-form";
		}
		redirect.addFlashAttribute("flash", "clocks.saved");
		return "redirect:/admin/programs/" + programId + "/clocks";
	}

	@PostMapping("/{clock}/retire")
	String retire(@PathVariable UUID programId, @PathVariable UUID clock, RedirectAttributes redirect) {
		try {
			clocks.retire(new ProgramId(programId), clock);
			redirect.addFlashAttribute("flash", "clocks.retired");
		}
		catch (DomainException ex) {
			if (ex instanceof NotFoundException) throw ex;
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return "redirect:/admin/programs/" + programId + "/clocks";
	}

	/** The warning comes before the breach; the stop fits the start. */
	private static void check(ClockForm form, BindingResult errors, boolean builtIn) {
		if (form.warnBefore() != null && form.target() != null && form.warnBefore() >= form.target()) {
			errors.rejectValue("warnBefore", "clocks.warnBeforeTooLate");
		}
		if (!builtIn && form.stop() == ClockStop.STEP_MET) errors.rejectValue("stop", "error.clock.stepMetBuiltIn");
		else if (!builtIn && form.start() != null && form.stop() != null && !form.start().stops().contains(form.stop())) {
			errors.rejectValue("stop", "error.clock.pair");
		}
	}
}
