package org.caremap.team.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import org.caremap.identity.CurrentUser;
import org.caremap.organization.Organizations;
import org.caremap.shared.DomainException;
import org.caremap.shared.UserId;
import org.caremap.team.CoverPeriods;
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
 * Cover periods: one's own (and those one covers for), the team's for a supervisor, every one for an administrator;
 * naming a cover person for a period, and ending a cover early. Who may manage whose cover is decided by
 * {@link CoverPeriods}.
 */
@Controller
class CoverController {

	/** Which field a refusal of the domain is about. */
	private static final Map<String, String> FIELD = Map.of("cover.self", "cover", "cover.person-unknown", "cover",
			"cover.order", "to", "cover.past", "to", "cover.too-long", "to", "cover.reason", "reason", "cover.overlap", "from", "cover.range", "from", "cover.owner-unknown", "owner");

	private final CoverPeriods periods;
	private final Organizations organizations;

	CoverController(CoverPeriods periods, Organizations organizations) {
		this.periods = periods;
		this.organizations = organizations;
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
	}

	@GetMapping("/team/cover")
	@PreAuthorize("isAuthenticated()")
	String page(Model model) {
		if (!model.containsAttribute("coverForm")) {
			LocalDateTime start = LocalDateTime.now(zone()).truncatedTo(ChronoUnit.HOURS).plusHours(1);
			model.addAttribute("coverForm", new CoverForm(CurrentUser.require().id().value(), null, start,
					start.plusDays(1), ""));
		}
		return show(model);
	}

	@SuppressWarnings("unchecked")
	private String show(Model model) {
		CurrentUser me = CurrentUser.require();
		model.addAttribute("mine", periods.mine(100));
		boolean oversees = me.has(org.caremap.identity.Role.SUPERVISOR) || me.has(org.caremap.identity.Role.ADMIN);
		model.addAttribute("oversees", oversees);
		model.addAttribute("team", oversees ? periods.team(200) : java.util.List.of());
		model.addAttribute("owners", periods.owners());
		// the periods the user may end: their own, their team's, anyone's for an administrator (not one they only cover)
		java.util.Set<UUID> endable = new java.util.HashSet<>();
		java.util.stream.Stream.concat(((java.util.List<org.caremap.team.CoverPeriodView>) model.getAttribute("mine")).stream(),
				((java.util.List<org.caremap.team.CoverPeriodView>) model.getAttribute("team")).stream())
			.filter(p -> periods.manages(p.owner())).forEach(p -> endable.add(p.id()));
		model.addAttribute("endable", endable);
		model.addAttribute("covers", periods.covers());
		model.addAttribute("now", Instant.now());
		model.addAttribute("zone", zone().getId());
		return "team/cover";
	}

	@PostMapping("/team/cover")
	@PreAuthorize("isAuthenticated()")
	String name(@Valid @ModelAttribute("coverForm") CoverForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) return show(model);
		try {
			periods.name(new UserId(form.owner()), new UserId(form.cover()), form.from().atZone(zone()).toInstant(),
					form.to().atZone(zone()).toInstant(), form.reason());
		}
		catch (DomainException ex) {
			String field = FIELD.get(ex.code());
			if (field == null) errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
			else errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
			return show(model);
		}
		redirect.addFlashAttribute("flash", "cover.named");
		return "redirect:/team/cover";
	}

	@PostMapping("/team/cover/{id}/end")
	@PreAuthorize("isAuthenticated()")
	String end(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			periods.end(id);
			redirect.addFlashAttribute("flash", "cover.ended");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return "redirect:/team/cover";
	}
}
