package org.caremap.budget.web;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.caremap.budget.BookingSource;
import org.caremap.budget.BudgetEntry;
import org.caremap.budget.BudgetLine;
import org.caremap.budget.BudgetOverview;
import org.caremap.budget.BudgetView;
import org.caremap.budget.Budgets;
import org.caremap.budget.Money;
import org.caremap.budget.NewRate;
import org.caremap.chart.ChartActions;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.shared.DomainException;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
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
 * The supervisor's budget pages: a program's year against its budget (chart and the same figures in tables, by month
 * and by line, and the bookings behind a month), the budget form, and the rates the arranged care is priced at. For
 * supervisors and administrators; the budget module checks again and audits.
 */
@Controller
@RequestMapping("/budgets")
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
class BudgetController {

	/** The budget as typed: the amount of each line in dollars. */
	record BudgetForm(@NotNull @Nullable UUID program, @NotNull @Min(2000) @Max(2100) @Nullable Integer year,
			@Size(max = 20) @Nullable String staffTime, @Size(max = 20) @Nullable String purchasedServices,
			@Size(max = 20) @Nullable String transport, @Size(max = 20) @Nullable String flexibleFunds,
			@Size(max = 1000) @Nullable String note, @Nullable Integer version) {

		static BudgetForm of(ProgramId program, int year, @Nullable BudgetView b) {
			return new BudgetForm(program.value(), year, b == null ? "" : Money.typed(b.of(BudgetLine.STAFF_TIME)),
					b == null ? "" : Money.typed(b.of(BudgetLine.PURCHASED_SERVICES)), b == null ? "" : Money.typed(b.of(BudgetLine.TRANSPORT)),
					b == null ? "" : Money.typed(b.of(BudgetLine.FLEXIBLE_FUNDS)), b == null ? "" : b.note(), b == null ? null : b.version());
		}

		Map<String, @Nullable String> typed() {
			Map<String, @Nullable String> m = new java.util.LinkedHashMap<>();
			m.put("staffTime", staffTime);
			m.put("purchasedServices", purchasedServices);
			m.put("transport", transport);
			m.put("flexibleFunds", flexibleFunds);
			return m;
		}
	}

	/** The form field of each line. */
	static final Map<String, BudgetLine> FIELDS = Map.of("staffTime", BudgetLine.STAFF_TIME, "purchasedServices",
			BudgetLine.PURCHASED_SERVICES, "transport", BudgetLine.TRANSPORT, "flexibleFunds", BudgetLine.FLEXIBLE_FUNDS);

	/** A rate as typed. */
	record RateForm(@NotNull @Nullable BookingSource source, @Size(max = 200) @Nullable String payer,
			@Size(max = 100) @Nullable String code, @Size(max = 200) @Nullable String label,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate effectiveFrom,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate effectiveTo, @Size(max = 20) @Nullable String amount) {
	}

	/** The chart's series, as the data attributes of budget-chart.js take them (dollars, comma separated). */
	record Chart(String months, String spend, String committed, String budget) {

		static Chart of(BudgetOverview o, List<String> monthNames) {
			return new Chart(String.join(",", monthNames),
					o.months().stream().map(m -> dollars(m.spendToDateCents())).collect(Collectors.joining(",")),
					o.months().stream().map(m -> dollars(m.spendToDateCents() + m.committedToDateCents())).collect(Collectors.joining(",")),
					o.months().stream().map(m -> dollars(o.budgetCents())).collect(Collectors.joining(",")));
		}

		private static String dollars(long cents) {
			return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
		}
	}

	private final Budgets budgets;
	private final Organizations organizations;

	BudgetController(Budgets budgets, Organizations organizations) {
		this.budgets = budgets;
		this.organizations = organizations;
	}

	private int thisYear() {
		return LocalDate.now(organizations.zone()).getYear();
	}

	private Optional<ProgramView> program(@Nullable UUID id) {
		List<ProgramView> all = budgets.programs();
		if (id == null) return all.stream().filter(ProgramView::active).findFirst().or(() -> all.stream().findFirst());
		return all.stream().filter(p -> p.id().value().equals(id)).findFirst();
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable UUID program, @RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable Integer month, Model model) {
		int y = year == null || year < 2000 || year > 2100 ? thisYear() : year;
		Optional<ProgramView> chosen = program(program);
		model.addAttribute("programs", budgets.programs());
		model.addAttribute("years", IntStream.rangeClosed(thisYear() - 3, thisYear() + 1).boxed().toList());
		model.addAttribute("year", y);
		if (chosen.isEmpty()) return "budget/budget";
		ProgramView p = chosen.get();
		BudgetOverview overview = budgets.overview(p.id(), y);
		model.addAttribute("program", p);
		model.addAttribute("overview", overview);
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		List<String> monthNames = IntStream.rangeClosed(1, 12)
			.mapToObj(m -> java.time.Month.of(m).getDisplayName(java.time.format.TextStyle.SHORT, locale)).toList();
		model.addAttribute("monthNames", monthNames);
		model.addAttribute("chart", Chart.of(overview, monthNames));
		if (month != null && month >= 1 && month <= 12) {
			model.addAttribute("month", month);
			model.addAttribute("bookings", budgets.bookings(p.id(), y, month));
		}
		return "budget/budget";
	}

	@GetMapping("/edit")
	String edit(@RequestParam(required = false) @Nullable UUID program, @RequestParam(required = false) @Nullable Integer year,
			Model model) {
		ProgramView p = program(program).orElseThrow(() -> new DomainException("budget.program", "choose the program"));
		int y = year == null || year < 2000 || year > 2100 ? thisYear() : year;
		model.addAttribute("budgetForm", BudgetForm.of(p.id(), y, budgets.find(p.id(), y).orElse(null)));
		return editPage(p, model);
	}

	private String editPage(ProgramView p, Model model) {
		model.addAttribute("program", p);
		model.addAttribute("fields", List.of("staffTime", "purchasedServices", "transport", "flexibleFunds"));
		model.addAttribute("lineOf", FIELDS);
		return "budget/edit";
	}

	@PostMapping("/edit")
	String save(@Valid @ModelAttribute("budgetForm") BudgetForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		ProgramView p = program(form.program()).orElse(null);
		if (p == null) {
			redirect.addFlashAttribute("flashError", "error.budget.program");
			return "redirect:/budgets";
		}
		Map<BudgetLine, Long> cents = new EnumMap<>(BudgetLine.class);
		form.typed().forEach((field, typed) -> {
			if (errors.hasFieldErrors(field)) return;
			try {
				Long c = Money.parse(typed, "budget.amount");
				cents.put(FIELDS.get(field), c == null ? 0L : c);
			}
			catch (DomainException ex) {
				errors.rejectValue(field, "error.budget.amount");
			}
		});
		if (errors.hasErrors()) return editPage(p, model);
		try {
			budgets.save(new BudgetEntry(p.id(), form.year(), cents, form.note(), form.version()));
		}
		catch (DomainException ex) {
			errors.reject("error." + ex.code());
			return editPage(p, model);
		}
		redirect.addFlashAttribute("flash", "budget.saved");
		return "redirect:/budgets?program=" + p.id().value() + "&year=" + form.year();
	}

	@GetMapping("/rates")
	String rates(Model model) {
		model.addAttribute("rateForm", new RateForm(BookingSource.AUTHORIZATION, "", "", "", LocalDate.now(organizations.zone()), null, ""));
		return ratesPage(model);
	}

	private String ratesPage(Model model) {
		model.addAttribute("rates", budgets.rates());
		model.addAttribute("sources", BookingSource.values());
		return "budget/rates";
	}

	@PostMapping("/rates")
	String addRate(@Valid @ModelAttribute("rateForm") RateForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		Long cents = null;
		if (!errors.hasFieldErrors("amount")) {
			try {
				cents = Money.parse(form.amount(), "budget.rate-amount");
				if (cents == null) errors.rejectValue("amount", "error.budget.rate-amount");
			}
			catch (DomainException ex) {
				errors.rejectValue("amount", "error.budget.rate-amount");
			}
		}
		if (form.code() == null || form.code().isBlank()) errors.rejectValue("code", "error.budget.rate-code");
		if (form.effectiveFrom() != null && form.effectiveTo() != null && form.effectiveTo().isBefore(form.effectiveFrom())) {
			errors.rejectValue("effectiveTo", "error.budget.rate-dates");
		}
		if (errors.hasErrors() || cents == null || form.source() == null || form.effectiveFrom() == null) return ratesPage(model);
		try {
			budgets.addRate(new NewRate(form.source(), form.payer(), form.code() == null ? "" : form.code(), form.label(),
					form.effectiveFrom(), form.effectiveTo(), cents));
		}
		catch (DomainException ex) {
			errors.reject("error." + ex.code());
			return ratesPage(model);
		}
		redirect.addFlashAttribute("flash", "budget.rate.added");
		return "redirect:/budgets/rates";
	}

	@PostMapping("/rates/{rate}/void")
	String voidRate(@PathVariable UUID rate, @RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "budget.rate.voided", () -> budgets.voidRate(rate, reason == null ? "" : reason));
		return "redirect:/budgets/rates";
	}
}
