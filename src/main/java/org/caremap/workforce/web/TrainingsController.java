package org.caremap.workforce.web;

import java.util.Arrays;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.caremap.identity.Role;
import org.caremap.shared.DomainException;
import org.caremap.workforce.Credentials;
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

/** The administrator defines the trainings staff must complete, and how often. */
@Controller
@RequestMapping("/admin/trainings")
@PreAuthorize("hasRole('ADMIN')")
class TrainingsController {

	/** A required training as typed; {@code role} empty: everyone who works with patients. */
	record RequirementForm(@NotBlank @Size(max = 120) @Nullable String name,
			@NotNull @Min(1) @Max(120) @Nullable Integer periodMonths, @Nullable Role role) {
	}

	private final Credentials credentials;

	TrainingsController(Credentials credentials) {
		this.credentials = credentials;
	}

	private String page(Model model) {
		model.addAttribute("trainings", credentials.trainings());
		model.addAttribute("roles", Arrays.stream(Role.values()).filter(r -> r != Role.ADMIN).toList());
		if (!model.containsAttribute("form")) model.addAttribute("form", new RequirementForm("", 12, null));
		return "workforce/trainings";
	}

	@GetMapping
	String list(Model model) {
		return page(model);
	}

	@PostMapping
	String define(@Valid @ModelAttribute("form") RequirementForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (form.role() == Role.ADMIN) errors.rejectValue("role", "error.workforce.training-role");
		if (!errors.hasErrors() && form.name() != null && form.periodMonths() != null) {
			try {
				credentials.defineTraining(form.name(), form.periodMonths(), form.role());
				redirect.addFlashAttribute("flash", "workforce.training.defined");
				return "redirect:/admin/trainings";
			}
			catch (DomainException ex) {
				errors.rejectValue("name", "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return page(model);
	}

	@PostMapping("/{training}/retire")
	String retire(@PathVariable UUID training, RedirectAttributes redirect) {
		credentials.retireTraining(training);
		redirect.addFlashAttribute("flash", "workforce.training.retiredFlash");
		return "redirect:/admin/trainings";
	}
}
