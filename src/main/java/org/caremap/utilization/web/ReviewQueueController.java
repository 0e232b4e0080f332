package org.caremap.utilization.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.utilization.AvoidableDayReason;
import org.caremap.utilization.ConcurrentReviews;
import org.caremap.utilization.CriteriaSet;
import org.caremap.utilization.DischargeBarrier;
import org.caremap.utilization.LevelOfCare;
import org.caremap.utilization.NewStayReviewEntry;
import org.caremap.utilization.ReviewQueuePage;
import org.caremap.utilization.ReviewQueueQuery;
import org.caremap.utilization.StayReviewView;
import org.caremap.utilization.StayReviewWork;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
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
 * The reviewers' area: the queue of open stays (a reviewer's own, the next review soonest first; a supervisor's of
 * everyone, with filters by payer, reviewer and late reviews), and a stay's page with its reviews, the form to record
 * the next one (field errors next to the fields, what was typed kept) and, for a supervisor, the form to give the stay
 * to another reviewer. Authorization and audit happen in the utilization module.
 */
@Controller
@RequestMapping("/reviews")
class ReviewQueueController {

	static final int PAGE = 50;

	record ReviewForm(@NotNull @Nullable LevelOfCare levelOfCare, @NotNull @Nullable Boolean criteriaMet,
			@NotNull @Nullable CriteriaSet criteriaSet, @Size(max = 120) @Nullable String criteriaName,
			@Size(max = 200) @Nullable String criteriaReference, @Size(max = 4000) @Nullable String necessityNote,
			@NotNull @Min(0) @Max(60) @Nullable Integer avoidableDays, @Nullable AvoidableDayReason avoidableReason,
			@Nullable List<DischargeBarrier> barriers, @Size(max = 1000) @Nullable String barriersNote,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate nextReviewOn, @Nullable Integer version) {

		static ReviewForm blank(LocalDate next, int version) {
			return new ReviewForm(LevelOfCare.ACUTE, null, CriteriaSet.INTERQUAL, "", "", "", 0, null, List.of(), "", next, version);
		}
	}

	record ReassignForm(@NotNull @Nullable UUID reviewer, @Size(max = 500) @Nullable String reason) {
	}

	/** A supervisor's setting: a payer's stays go to a reviewer (none: the least loaded reviewer). */
	record PayerForm(@Size(max = 200) @Nullable String payer, @Nullable UUID reviewer) {
	}

	/** A row of the queue: the stay, the patient's name and facts, the reviewer's name. */
	record Row(StayReviewView review, String patientName, @Nullable Integer age, @Nullable String recordNumber, String reviewerName) {
	}

	private final ConcurrentReviews reviews;
	private final PatientRegistry patients;
	private final UserAccounts accounts;
	private final Organizations organizations;

	ReviewQueueController(ConcurrentReviews reviews, PatientRegistry patients, UserAccounts accounts, Organizations organizations) {
		this.reviews = reviews;
		this.patients = patients;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	private BusinessCalendar calendar() {
		var org = organizations.primary().orElseThrow();
		return organizations.calendar(org.id());
	}

	@GetMapping
	String queue(@RequestParam(required = false) @Nullable String payer, @RequestParam(required = false) @Nullable String reviewer,
			@RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "1") int page, Model model) {
		if (!model.containsAttribute("payerForm")) model.addAttribute("payerForm", new PayerForm("", null));
		return queuePage(payer, reviewer, overdue, page, model);
	}

	@PostMapping("/payers")
	String namePayer(@Valid @ModelAttribute("payerForm") PayerForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		// a supervisor's setting: anyone else is refused (and audited) by the module before anything is looked at
		reviews.payerReviewers();
		if (form.payer() == null || form.payer().isBlank()) {
			errors.rejectValue("payer", "error.review.payer-required", "Name the payer.");
		}
		if (!errors.hasErrors()) {
			try {
				reviews.namePayerReviewer(form.payer(), form.reviewer() == null ? null : new UserId(form.reviewer()));
				redirect.addFlashAttribute("flash", "review.payers.saved");
				return "redirect:/reviews#payer-reviewers";
			}
			catch (DomainException ex) {
				String field = ex.code().equals("review.not-a-reviewer") ? "reviewer" : "payer";
				errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return queuePage(null, null, false, 1, model);
	}

	private String queuePage(@Nullable String payer, @Nullable String reviewer, boolean overdue, int page, Model model) {
		UUID reviewerId = null;
		boolean unassigned = "none".equals(reviewer);
		if (reviewer != null && !reviewer.isBlank() && !unassigned) {
			try {
				reviewerId = UUID.fromString(reviewer);
			}
			catch (IllegalArgumentException ex) {
				reviewerId = null;
			}
		}
		String payerFilter = payer == null || payer.isBlank() || payer.length() > 200 ? null : payer;
		int current = Math.max(1, Math.min(page, 10_000));
		ReviewQueuePage found = reviews.queue(new ReviewQueueQuery(payerFilter, reviewerId, unassigned, overdue),
				(current - 1) * PAGE, PAGE);
		List<Row> rows = rows(found.rows());
		model.addAttribute("rows", rows);
		model.addAttribute("total", found.total());
		model.addAttribute("overdueCount", found.overdue());
		model.addAttribute("everyone", found.everyone());
		model.addAttribute("page", current);
		model.addAttribute("firstShown", rows.isEmpty() ? 0 : (current - 1) * PAGE + 1);
		model.addAttribute("lastShown", (current - 1) * PAGE + rows.size());
		model.addAttribute("hasNext", (long) current * PAGE < found.total());
		model.addAttribute("selectedPayer", payerFilter == null ? "" : payerFilter);
		model.addAttribute("selectedReviewer", unassigned ? "none" : reviewerId == null ? "" : reviewerId.toString());
		model.addAttribute("overdue", overdue);
		if (found.everyone()) {
			model.addAttribute("payers", reviews.openPayers());
			List<UserView> all = reviews.reviewers();
			model.addAttribute("reviewers", all);
			Map<UUID, String> names = new HashMap<>();
			for (UserView u : all) names.put(u.id().value(), u.displayName());
			model.addAttribute("payerReviewers", reviews.payerReviewers().stream()
				.map(p -> new String[] { p.payer(), names.getOrDefault(p.reviewer().value(), "") }).toList());
		}
		return "utilization/review/queue";
	}

	/** The rows with the patients' names (each shown patient audited by the registry) and the reviewers' names. */
	private List<Row> rows(List<StayReviewView> found) {
		if (found.isEmpty()) return List.of();
		Map<PatientId, PatientHeader> headers = patients.headers(found.stream().map(StayReviewView::patient).distinct().toList());
		Map<UserId, String> names = accounts.displayNames(found.stream().map(StayReviewView::reviewer)
			.filter(java.util.Objects::nonNull).distinct().toList());
		LocalDate today = LocalDate.now(calendar().zone());
		List<Row> out = new ArrayList<>();
		for (StayReviewView r : found) {
			PatientHeader h = headers.get(r.patient());
			out.add(new Row(r, h == null ? "" : h.displayName(), h == null ? null : h.ageOn(today), h == null ? null : h.recordNumber(),
					r.reviewer() == null ? "" : names.getOrDefault(r.reviewer(), "")));
		}
		return out;
	}

	@GetMapping("/{review}")
	String stay(@PathVariable UUID review, Model model) {
		StayReviewWork work = reviews.work(review).orElseThrow(() -> new NotFoundException("stay review", review));
		if (!model.containsAttribute("form")) {
			LocalDate next = calendar().businessDaysAfter(LocalDate.now(calendar().zone()), 1);
			model.addAttribute("form", ReviewForm.blank(next, work.review().version()));
		}
		if (!model.containsAttribute("reassignForm")) model.addAttribute("reassignForm", new ReassignForm(null, ""));
		return page(work, model);
	}

	private String page(StayReviewWork work, Model model) {
		StayReviewView r = work.review();
		model.addAttribute("work", work);
		model.addAttribute("r", r);
		Map<PatientId, PatientHeader> header = patients.headers(List.of(r.patient()));
		PatientHeader h = header.get(r.patient());
		model.addAttribute("patientName", h == null ? "" : h.displayName());
		model.addAttribute("patientHeader", h);
		model.addAttribute("today", LocalDate.now(calendar().zone()));
		Map<String, String> people = new HashMap<>();
		if (r.reviewer() != null) {
			people.put("reviewer", accounts.displayNames(List.of(r.reviewer())).getOrDefault(r.reviewer(), ""));
		}
		model.addAttribute("reviewerName", people.getOrDefault("reviewer", ""));
		model.addAttribute("levels", List.of(LevelOfCare.values()));
		model.addAttribute("criteriaSets", List.of(CriteriaSet.values()));
		model.addAttribute("avoidableReasons", List.of(AvoidableDayReason.values()));
		model.addAttribute("barrierChoices", List.of(DischargeBarrier.values()));
		if (work.mayReassign()) {
			model.addAttribute("reviewers", reviews.reviewers().stream().filter(u -> !u.id().equals(r.reviewer())).toList());
		}
		return "utilization/review/stay";
	}

	@PostMapping("/{review}")
	String record(@PathVariable UUID review, @Valid @ModelAttribute("form") ReviewForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		StayReviewWork work = reviews.work(review).orElseThrow(() -> new NotFoundException("stay review", review));
		if (form.necessityNote() == null || form.necessityNote().isBlank()) {
			errors.rejectValue("necessityNote", "error.review.note-required", "Say why the stay is or is not medically necessary.");
		}
		if (!errors.hasErrors()) {
			try {
				reviews.record(review, new NewStayReviewEntry(form.levelOfCare(), Boolean.TRUE.equals(form.criteriaMet()),
						form.criteriaSet(), form.criteriaName(), form.criteriaReference(), form.necessityNote(),
						form.avoidableDays(), form.avoidableReason(), form.barriers() == null ? List.of() : form.barriers(),
						form.barriersNote(), form.nextReviewOn()), form.version() == null ? -1 : form.version());
				redirect.addFlashAttribute("flash", "review.recorded");
				return "redirect:/reviews/" + review;
			}
			catch (DomainException ex) {
				reject(errors, ex);
			}
		}
		if (!model.containsAttribute("reassignForm")) model.addAttribute("reassignForm", new ReassignForm(null, ""));
		return page(work, model);
	}

	private static void reject(BindingResult errors, DomainException ex) {
		String field = switch (ex.code()) {
			case "review.too-long" -> String.valueOf(ex.arguments()[1]);
			case "review.note-required" -> "necessityNote";
			case "review.criteria-name" -> "criteriaName";
			case "review.avoidable-days" -> "avoidableDays";
			case "review.avoidable-reason" -> "avoidableReason";
			case "review.barrier-note" -> "barriersNote";
			case "review.next-past", "review.next-too-far", "review.next-not-business-day" -> "nextReviewOn";
			default -> null;
		};
		if (field != null) errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
		else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
	}

	@PostMapping("/{review}/reviewer")
	String reassign(@PathVariable UUID review, @Valid @ModelAttribute("reassignForm") ReassignForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		// only supervisors choose among the reviewers: anyone else is refused (and audited) before the stay is looked up
		if (reviews.reviewers().isEmpty()) throw new DomainException("review.not-a-reviewer", "nobody reviews stays");
		StayReviewWork work = reviews.work(review).orElseThrow(() -> new NotFoundException("stay review", review));
		if (form.reason() == null || form.reason().isBlank()) {
			errors.rejectValue("reason", "error.review.reason-required", "Say why.");
		}
		if (!errors.hasErrors()) {
			try {
				reviews.reassign(review, new UserId(form.reviewer()), form.reason());
				String name = accounts.displayNames(List.of(new UserId(form.reviewer()))).getOrDefault(new UserId(form.reviewer()), "");
				redirect.addFlashAttribute("flash", "review.reassigned");
				redirect.addFlashAttribute("flashArgs", new Object[] { name });
				return "redirect:/reviews/" + review;
			}
			catch (DomainException ex) {
				String field = switch (ex.code()) {
					case "review.reason-required" -> "reason";
					case "review.too-long" -> "reason";
					case "review.not-a-reviewer", "review.same-reviewer" -> "reviewer";
					default -> null;
				};
				if (field != null) errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
				else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ReviewForm.blank(calendar().businessDaysAfter(LocalDate.now(calendar().zone()), 1),
					work.review().version()));
		}
		return page(work, model);
	}

	static ZoneId zone(Organizations organizations) {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
	}
}
