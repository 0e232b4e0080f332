package org.caremap.outreach.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.caremap.assessment.Instrument;
import org.caremap.assessment.Instruments;
import org.caremap.organization.Organizations;
import org.caremap.outreach.NewRule;
import org.caremap.outreach.OutreachRegistries;
import org.caremap.outreach.RuleView;
import org.caremap.outreach.internal.OutreachMembers;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outreach registries beside the discharge and ED lists: the saved rules with their size and trend, a new rule
 * (supervisors and administrators), a rule's members (the patients the viewer may read, a page at a time) and the
 * bulk referral of chosen members to a program with one reason, through the referral module.
 */
@Controller
@RequestMapping("/transitions/registries")
class RegistriesController {

	/** Days of trend shown in the table beside the chart. */
	static final int TABLE_DAYS = 14;

	/** A new rule as typed: the condition groups as one comma-separated list of ICD-10-CM prefixes. */
	record RuleForm(@NotBlank @Size(max = 200) @Nullable String name, @Size(max = 2000) @Nullable String description,
			@Size(max = 200) @Nullable String conditionGroups, @Size(max = 64) @Nullable String instrumentKey,
			@DecimalMin("0") @DecimalMax("1000") @Nullable BigDecimal minScore, @Min(1) @Max(36) @Nullable Integer edMonths,
			@Min(1) @Max(100) @Nullable Integer edMin, @Nullable Boolean noPcp, @Min(1) @Max(3650) @Nullable Integer noContactDays,
			@Nullable Boolean notEnrolled) {

		static RuleForm empty() {
			return new RuleForm("", "", "", "", null, null, null, false, null, false);
		}

		List<String> groups() {
			if (conditionGroups == null || conditionGroups.isBlank()) return List.of();
			return Arrays.stream(conditionGroups.split("[,;\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
		}
	}

	/** The rules' sizes per day, for the chart: the days (epoch seconds) and one series a rule (empty where not evaluated). */
	record Chart(String days, List<Series> series) {
		record Series(String name, String sizes) {
		}

		static Chart of(List<RuleView> rules) {
			java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>();
			rules.forEach(r -> r.trend().forEach(s -> days.add(s.day())));
			List<Series> series = new ArrayList<>();
			for (RuleView r : rules) {
				java.util.Map<LocalDate, Integer> by = r.trend().stream().collect(Collectors.toMap(RuleView.Size::day, RuleView.Size::members));
				series.add(new Series(r.name(), days.stream().map(d -> by.containsKey(d) ? String.valueOf(by.get(d)) : "")
					.collect(Collectors.joining(","))));
			}
			return new Chart(days.stream().map(d -> String.valueOf(d.toEpochDay() * 86400)).collect(Collectors.joining(",")), series);
		}
	}

	private final OutreachRegistries registries;
	private final OutreachMembers members;
	private final Programs programs;
	private final Referrals referrals;
	private final Instruments instruments;
	private final Organizations organizations;

	RegistriesController(OutreachRegistries registries, OutreachMembers members, Programs programs, Referrals referrals,
			Instruments instruments, Organizations organizations) {
		this.registries = registries;
		this.members = members;
		this.programs = programs;
		this.referrals = referrals;
		this.instruments = instruments;
		this.organizations = organizations;
	}

	/** The instruments' titles by key (a rule names its instrument by key). */
	private java.util.Map<String, String> instrumentTitles() {
		return instruments.current().stream().collect(Collectors.toMap(Instrument::key, Instrument::title, (a, b) -> a));
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR', 'ADMIN')")
	String list(Model model) {
		List<RuleView> rules = registries.rules();
		model.addAttribute("rules", rules);
		model.addAttribute("instrumentTitles", instrumentTitles());
		model.addAttribute("chart", Chart.of(rules));
		// the table beside the chart: the last days' sizes, latest first
		java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
		rules.forEach(r -> r.trend().forEach(s -> days.add(s.day())));
		model.addAttribute("tableDays", days.stream().limit(TABLE_DAYS).toList());
		model.addAttribute("sizes", rules.stream().collect(Collectors.toMap(r -> r.id().toString(),
				r -> r.trend().stream().collect(Collectors.toMap(s -> s.day().toString(), RuleView.Size::members)))));
		return "outreach/registries";
	}

	@GetMapping("/new")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String form(Model model) {
		model.addAttribute("ruleForm", RuleForm.empty());
		return formPage(model);
	}

	private String formPage(Model model) {
		model.addAttribute("instruments", instruments.current().stream().map(Instrument::key).distinct().sorted().toList());
		model.addAttribute("instrumentTitles", instrumentTitles());
		return "outreach/new";
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String save(@Valid @ModelAttribute("ruleForm") RuleForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		List<String> groups = form.groups();
		for (String g : groups) {
			if (!g.toUpperCase(java.util.Locale.ROOT).matches(NewRule.PREFIX)) {
				errors.rejectValue("conditionGroups", "error.outreach.rule-prefix", new Object[] { g }, null);
				break;
			}
		}
		String instrument = form.instrumentKey() == null || form.instrumentKey().isBlank() ? null : form.instrumentKey();
		if (instrument != null && instruments.current(instrument).isEmpty()) errors.rejectValue("instrumentKey", "error.outreach.rule-instrument");
		if (instrument != null && form.minScore() == null && !errors.hasFieldErrors("minScore")) errors.rejectValue("minScore", "error.outreach.rule-score");
		if (instrument == null && form.minScore() != null) errors.rejectValue("instrumentKey", "error.outreach.rule-score");
		if ((form.edMonths() == null) != (form.edMin() == null) && !errors.hasFieldErrors("edMonths") && !errors.hasFieldErrors("edMin")) {
			errors.rejectValue(form.edMonths() == null ? "edMonths" : "edMin", "error.outreach.rule-ed");
		}
		if (errors.hasErrors()) return formPage(model);
		try {
			registries.save(new NewRule(form.name(), form.description(), groups, instrument, form.minScore(), form.edMonths(),
					form.edMin(), Boolean.TRUE.equals(form.noPcp()), form.noContactDays(), Boolean.TRUE.equals(form.notEnrolled())));
		}
		catch (DomainException ex) {
			errors.reject("error." + ex.code(), ex.arguments(), null);
			return formPage(model);
		}
		// the new rule's members at once, as the nightly run would find them today
		registries.evaluate(organizations.today());
		redirect.addFlashAttribute("flash", "outreach.registry.saved");
		return "redirect:/transitions/registries";
	}

	@PostMapping("/evaluate")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String evaluate(RedirectAttributes redirect) {
		registries.evaluate(organizations.today());
		redirect.addFlashAttribute("flash", "outreach.registry.evaluated");
		return "redirect:/transitions/registries";
	}

	@GetMapping("/{rule}")
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	String members(@PathVariable UUID rule, @RequestParam(defaultValue = "0") int page, Model model) {
		RuleView view = registries.rules().stream().filter(r -> r.id().equals(rule)).findFirst()
			.orElseThrow(() -> new NotFoundException("registry", rule));
		model.addAttribute("rule", view);
		model.addAttribute("instrumentTitles", instrumentTitles());
		model.addAttribute("page", members.page(rule, Math.min(Math.max(page, 0), 100_000)));
		model.addAttribute("programs", programs.active());
		return "outreach/members";
	}

	/**
	 * Refers the chosen members to one program with one reason: each through the referral module, skipping those no
	 * longer members, already enrolled or with a referral waiting, and those the referral module refuses.
	 */
	@PostMapping("/{rule}/refer")
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	String refer(@PathVariable UUID rule, @RequestParam(name = "patient", required = false) @Nullable List<UUID> patients,
			@RequestParam(required = false) @Nullable UUID program, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(defaultValue = "0") int page, RedirectAttributes redirect) {
		String back = "redirect:/transitions/registries/" + rule + (page > 0 ? "?page=" + Math.min(page, 100_000) : "");
		RuleView view = registries.rules().stream().filter(r -> r.id().equals(rule)).findFirst()
			.orElseThrow(() -> new NotFoundException("registry", rule));
		List<PatientId> chosen = patients == null ? List.of() : patients.stream().distinct().limit(OutreachMembers.PAGE).map(PatientId::new).toList();
		String why = reason == null ? "" : reason.trim();
		String problem = chosen.isEmpty() ? "error.outreach.refer-none"
				: program == null || programs.active().stream().noneMatch(p -> p.id().value().equals(program)) ? "error.outreach.refer-program"
				: why.isEmpty() || why.length() > 1000 ? "error.outreach.refer-reason" : null;
		if (problem != null) {
			redirect.addFlashAttribute("flashError", problem);
			return back;
		}
		Set<PatientId> referable = members.referable(rule, chosen);
		List<PatientId> referred = new ArrayList<>();
		for (PatientId patient : chosen) {
			if (!referable.contains(patient)) continue;
			try {
				referrals.receive(new NewReferral(patient, new ProgramId(program), ReferralSource.OUTREACH, view.name(), null, why,
						Urgency.ROUTINE));
				referred.add(patient);
			}
			catch (DomainException | org.springframework.security.access.AccessDeniedException ex) {
				// refused for this patient (e.g. an identical referral waiting): skipped, counted below
			}
		}
		redirect.addFlashAttribute("flash", "outreach.registry.referred");
		redirect.addFlashAttribute("flashArgs", new Object[] { referred.size(), chosen.size() - referred.size() });
		return back;
	}
}
