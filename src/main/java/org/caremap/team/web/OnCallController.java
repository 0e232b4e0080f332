package org.caremap.team.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import org.caremap.organization.Organizations;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.UserId;
import org.caremap.team.CoverPeriods;
import org.caremap.team.OnCallRota;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The on-call rota of the programs an administrator or a supervisor keeps: who is on call when (in the organisation's
 * time zone) and on which number; adding and removing shifts.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
class OnCallController {

	private static final Map<String, String> FIELD = Map.of("cover.person-unknown", "person", "cover.order", "to",
			"cover.past", "to", "oncall.too-long", "to", "oncall.phone", "phone", "cover.range", "from");

	private final OnCallRota rota;
	private final CoverPeriods periods;
	private final Programs programs;
	private final Organizations organizations;

	OnCallController(OnCallRota rota, CoverPeriods periods, Programs programs, Organizations organizations) {
		this.rota = rota;
		this.periods = periods;
		this.programs = programs;
		this.organizations = organizations;
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
	}

	@GetMapping("/team/on-call")
	String page(Model model) {
		if (!model.containsAttribute("onCallForm")) {
			// the usual night: from the end of today's business day to the start of tomorrow's
			LocalDateTime evening = LocalDateTime.now(zone()).toLocalDate().atTime(18, 0);
			model.addAttribute("onCallForm", new OnCallForm(null, null, evening, evening.plusHours(14), ""));
		}
		return show(model);
	}

	private String show(Model model) {
		model.addAttribute("shifts", rota.rota(300));
		var kept = programs.supervisedBy(org.caremap.identity.CurrentUser.require().id());
		boolean admin = org.caremap.identity.CurrentUser.require().has(org.caremap.identity.Role.ADMIN);
		model.addAttribute("programs", programs.active().stream().filter(p -> admin || kept.contains(p.id())).toList());
		model.addAttribute("people", periods.covers());
		model.addAttribute("now", Instant.now());
		model.addAttribute("zone", zone().getId());
		return "team/oncall";
	}

	@PostMapping("/team/on-call")
	String add(@Valid @ModelAttribute("onCallForm") OnCallForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) return show(model);
		try {
			rota.add(new ProgramId(form.program()), new UserId(form.person()), form.from().atZone(zone()).toInstant(),
					form.to().atZone(zone()).toInstant(), form.phone());
		}
		catch (DomainException ex) {
			String field = FIELD.get(ex.code());
			if (field == null) errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
			else errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
			return show(model);
		}
		redirect.addFlashAttribute("flash", "oncall.added");
		return "redirect:/team/on-call";
	}

	@PostMapping("/team/on-call/{id}/remove")
	String remove(@PathVariable UUID id, RedirectAttributes redirect) {
		rota.remove(id);
		redirect.addFlashAttribute("flash", "oncall.removed");
		return "redirect:/team/on-call";
	}
}
