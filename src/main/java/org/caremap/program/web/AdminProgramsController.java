package org.caremap.program.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.UserId;
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

/** Administration of programs: what each is, its cadence, its confidentiality, its supervisors. */
@Controller
@RequestMapping("/admin/programs")
class AdminProgramsController {

	record ProgramForm(@NotBlank @Size(max = 120) String name, @NotNull @Nullable ProgramType type,
			@Size(max = 2000) @Nullable String description, @Size(max = 4000) @Nullable String eligibility,
			@NotNull @Min(1) @Max(366) @Nullable Integer contactEveryDays, @NotNull @Nullable Confidentiality confidentiality,
			boolean active, @Nullable Set<UUID> supervisors) {

		static ProgramForm of(ProgramView p) {
			Set<UUID> ids = new HashSet<>();
			p.supervisors().forEach(s -> ids.add(s.value()));
			return new ProgramForm(p.name(), p.type(), p.description(), p.eligibility(), p.contactEveryDays(),
					p.confidentiality(), p.active(), ids);
		}

		ProgramDefinition definition() {
			return new ProgramDefinition(name, type, description, eligibility, contactEveryDays, confidentiality, active);
		}

		Set<UserId> supervisorIds() {
			Set<UserId> out = new HashSet<>();
			if (supervisors != null) supervisors.forEach(id -> out.add(new UserId(id)));
			return out;
		}
	}

	private final Programs programs;
	private final UserAccounts accounts;
	private final Organizations organizations;

	AdminProgramsController(Programs programs, UserAccounts accounts, Organizations organizations) {
		this.programs = programs;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("types", List.of(ProgramType.values()));
		model.addAttribute("levels", List.of(Confidentiality.values()));
		model.addAttribute("supervisorChoices", accounts.withRole(Role.SUPERVISOR));
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("programs", programs.all());
		return "program/admin-programs";
	}

	@GetMapping("/new")
	String newProgram(Model model) {
		model.addAttribute("form", new ProgramForm("", null, "", "", 30, Confidentiality.STANDARD, true, Set.of()));
		return "program/admin-program";
	}

	@PostMapping("/new")
	String create(@Valid @ModelAttribute("form") ProgramForm form, BindingResult errors, RedirectAttributes redirect) {
		if (errors.hasErrors()) return "program/admin-program";
		try {
			var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "none"));
			ProgramView created = programs.create(org.id(), form.definition());
			programs.assignSupervisors(created.id(), form.supervisorIds());
			redirect.addFlashAttribute("flash", "admin.programs.saved");
			return "redirect:/admin/programs";
		}
		catch (DomainException ex) {
			errors.rejectValue("name", "error." + ex.code(), ex.arguments(), ex.getMessage());
			return "program/admin-program";
		}
	}

	@GetMapping("/{id}")
	String edit(@PathVariable UUID id, Model model) {
		ProgramView program = programs.find(new ProgramId(id)).orElseThrow(() -> new NotFoundException("program", id));
		model.addAttribute("programId", id);
		model.addAttribute("programName", program.name());
		model.addAttribute("form", ProgramForm.of(program));
		return "program/admin-program";
	}

	@PostMapping("/{id}")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") ProgramForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		ProgramView program = programs.find(new ProgramId(id)).orElseThrow(() -> new NotFoundException("program", id));
		model.addAttribute("programId", id);
		model.addAttribute("programName", program.name());
		if (errors.hasErrors()) return "program/admin-program";
		try {
			programs.update(new ProgramId(id), form.definition());
			programs.assignSupervisors(new ProgramId(id), form.supervisorIds());
		}
		catch (DomainException ex) {
			errors.rejectValue("name", "error." + ex.code(), ex.arguments(), ex.getMessage());
			return "program/admin-program";
		}
		redirect.addFlashAttribute("flash", "admin.programs.saved");
		return "redirect:/admin/programs";
	}
}
