package org.caremap.portal.web;

import java.time.ZoneId;

import jakarta.validation.Valid;

import org.caremap.identity.PortalPrincipal;
import org.caremap.measure.MeasureKind;
import org.caremap.measure.MeasureSeries;
import org.caremap.measure.Measures;
import org.caremap.measure.ReadingForm;
import org.caremap.measure.ReadingView;
import org.caremap.organization.Organizations;
import org.caremap.portal.PortalAccounts;
import org.caremap.portal.PortalSection;
import org.caremap.shared.DomainException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "How I am doing": the patient (or a proxy the patient lets see everything) enters a reading of one kind at a time
 * and sees the recent ones, charted. The section is refused to a proxy told less; the measure module's one access
 * check decides the rest (and audits).
 */
@Controller
@RequestMapping("/portal/measures")
class PortalMeasuresController {

	private static final int RECENT = 60;

	private final PortalAccounts accounts;
	private final Measures measures;
	private final Organizations organizations;

	PortalMeasuresController(PortalAccounts accounts, Measures measures, Organizations organizations) {
		this.accounts = accounts;
		this.measures = measures;
		this.organizations = organizations;
	}

	private PortalPrincipal require() {
		PortalPrincipal me = PortalPrincipal.get().orElseThrow(() -> new AccessDeniedException("not a portal session"));
		if (!accounts.sections(me).contains(PortalSection.MEASURES)) {
			throw new AccessDeniedException("the portal account may not see " + PortalSection.MEASURES);
		}
		return me;
	}

	@GetMapping
	String page(@RequestParam(name = "kind", required = false) @Nullable MeasureKind kind, Model model) {
		PortalPrincipal me = require();
		MeasureKind chosen = kind == null ? MeasureKind.BLOOD_PRESSURE : kind;
		if (!model.containsAttribute("readingForm")) model.addAttribute("readingForm", ReadingForm.blank(chosen, zone()));
		return show(me, chosen, model);
	}

	@PostMapping
	String record(@Valid @ModelAttribute("readingForm") ReadingForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		PortalPrincipal me = require();
		MeasureKind kind = form.kind() == null ? MeasureKind.BLOOD_PRESSURE : form.kind();
		if (!errors.hasErrors()) {
			try {
				ReadingView saved = measures.record(form.reading(me.patient(), zone()));
				redirect.addFlashAttribute("flash", saved.outOfRange() ? "portal.measures.savedOutOfRange" : "portal.measures.saved");
				return "redirect:/portal/measures?kind=" + kind.name();
			}
			catch (DomainException ex) {
				ReadingForm.reject(errors, ex);
			}
		}
		return show(me, kind, model);
	}

	private String show(PortalPrincipal me, MeasureKind kind, Model model) {
		var readings = measures.readings(me.patient(), RECENT);
		model.addAttribute("kinds", MeasureKind.values());
		model.addAttribute("kind", kind);
		model.addAttribute("readings", readings.stream().limit(10).toList());
		model.addAttribute("series", new MeasureSeries(kind, readings));
		model.addAttribute("formAction", "/portal/measures");
		return "portal/measures";
	}

	private ZoneId zone() {
		return organizations.zone();
	}
}
