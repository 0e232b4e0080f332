package org.caremap.caseload.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.access.Part2Labels;
import org.caremap.access.Segmentation;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseManagerLoad;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.CaseloadPage;
import org.caremap.caseload.CaseloadQuery;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralStatus;
import org.caremap.referral.ReferralView;
import org.caremap.referral.Referrals;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Enrolment from a referral, "My caseload", the supervisor's view of caseloads, and one case. */
@Controller
class CaseloadController {

	record EnrolForm(@NotNull @Nullable UUID programId, @NotNull @Nullable UUID caseManagerId,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate startDate,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate consentDate,
			@NotNull @Nullable ConsentMethod consentMethod, @NotBlank @Size(max = 120) String consentBy,
			boolean toldServiceAvailable, boolean toldCostSharing, boolean toldOnePractitioner, boolean toldCanStop,
			@NotNull @Nullable Acuity acuity, @NotBlank @Size(max = 500) String acuityReason) {
	}

	/** A caseload row with the patient's name and the program's. */
	record Row(CaseloadRow row, @Nullable PatientHeader patient, String program) {
	}

	/** A case manager's load with their name. */
	record Load(CaseManagerLoad load, String name) {
	}

	private final Cases cases;
	private final Referrals referrals;
	private final PatientRegistry patients;
	private final Programs programs;
	private final UserAccounts accounts;
	private final Segmentation segmentation;

	CaseloadController(Cases cases, Referrals referrals, PatientRegistry patients, Programs programs,
			UserAccounts accounts, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.cases = cases;
		this.referrals = referrals;
		this.patients = patients;
		this.programs = programs;
		this.accounts = accounts;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("acuities", List.of(Acuity.values()));
		model.addAttribute("consentMethods", List.of(ConsentMethod.values()));
	}

	@GetMapping("/referrals/{id}/enrol")
	String enrolForm(@PathVariable UUID id, Model model) {
		ReferralView referral = referral(id);
		PatientHeader patient = patients.headers(List.of(referral.patient())).get(referral.patient());
		UserId suggested = cases.suggestCaseManager(referral.program(), patient == null ? "en" : patient.preferredLanguage())
			.orElse(null);
		model.addAttribute("form", new EnrolForm(referral.program().value(), suggested == null ? null : suggested.value(),
				LocalDate.now(), LocalDate.now(), ConsentMethod.VERBAL, CurrentUser.require().displayName(), false, false,
				false, false, Acuity.MODERATE, ""));
		return prepareEnrol(model, referral, patient, suggested);
	}

	private String prepareEnrol(Model model, ReferralView referral, @Nullable PatientHeader patient,
			@Nullable UserId suggested) {
		model.addAttribute("referral", referral);
		model.addAttribute("patient", patient);
		model.addAttribute("programs", programs.active());
		model.addAttribute("caseManagers", accounts.withRole(Role.CASE_MANAGER).stream().filter(UserView::enabled).toList());
		model.addAttribute("suggested", suggested);
		return "caseload/enrol";
	}

	@PostMapping("/referrals/{id}/enrol")
	String enrol(@PathVariable UUID id, @Valid @ModelAttribute("form") EnrolForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		ReferralView referral = referral(id);
		PatientHeader patient = patients.headers(List.of(referral.patient())).get(referral.patient());
		// each element of consent the patient was not told of is named at its own box
		if (!form.toldServiceAvailable()) errors.rejectValue("toldServiceAvailable", "case.told.available.missing");
		if (!form.toldCostSharing()) errors.rejectValue("toldCostSharing", "case.told.costSharing.missing");
		if (!form.toldOnePractitioner()) errors.rejectValue("toldOnePractitioner", "case.told.onePractitioner.missing");
		if (!form.toldCanStop()) errors.rejectValue("toldCanStop", "case.told.canStop.missing");
		if (errors.hasErrors()) return prepareEnrol(model, referral, patient, null);
		try {
			cases.enrol(new Enrolment(referral.patient(), new ProgramId(form.programId()), referral.id(),
					new UserId(form.caseManagerId()), form.startDate(),
					new Consent(form.consentDate(), form.consentMethod(), form.consentBy(), form.toldServiceAvailable(),
							form.toldCostSharing(), form.toldOnePractitioner(), form.toldCanStop()),
					form.acuity(), form.acuityReason()));
		}
		catch (DomainException ex) {
			// a case manager who may not take new cases (their licence): said at the case manager's field
			if (ex.code().startsWith("workforce.")) errors.rejectValue("caseManagerId", "error." + ex.code(), ex.arguments(), ex.getMessage());
			else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
			return prepareEnrol(model, referral, patient, null);
		}
		String manager = accounts.find(new UserId(form.caseManagerId())).map(UserView::displayName).orElse("");
		redirect.addFlashAttribute("flash", "case.enrolled");
		redirect.addFlashAttribute("flashArgs", new Object[] { manager });
		return "redirect:/referrals";
	}

	private ReferralView referral(UUID id) {
		ReferralView referral = referrals.find(new ReferralId(id)).orElseThrow(() -> new NotFoundException("referral", id));
		if (referral.status() != ReferralStatus.SCREENING) {
			throw new DomainException("referral.illegal-transition", "not being screened",
					referral.status().name().toLowerCase(java.util.Locale.ROOT), "enrol");
		}
		return referral;
	}

	/** Cases on one page of "My caseload". */
	static final int PAGE_SIZE = 50;

	/**
	 * The sort keys of "My caseload", each with its one direction; acuity and start date are sorted by the database
	 * (a fixed clause each), the others (owned by other modules) over the case manager's open cases in memory.
	 */
	enum Sort {
		ACUITY("acuity", "descending", CaseloadQuery.Order.ACUITY),
		NAME("name", "ascending", null),
		PROGRAM("program", "ascending", null),
		START("start", "descending", CaseloadQuery.Order.START),
		LAST_CONTACT("lastContact", "ascending", null),
		NEXT_DUE("nextDue", "ascending", null);

		final String key;
		final String aria;
		final CaseloadQuery.@Nullable Order sql;

		Sort(String key, String aria, CaseloadQuery.@Nullable Order sql) {
			this.key = key;
			this.aria = aria;
			this.sql = sql;
		}

		static Sort of(@Nullable String key) {
			for (Sort s : values()) {
				if (s.key.equals(key)) return s;
			}
			return ACUITY;
		}
	}

	/** The links of "My caseload": each keeps the search, the filters and the sort as GET parameters. */
	record Links(Sort sort, String q, @Nullable UUID program, @Nullable Acuity acuity, @Nullable CaseStatus status,
			int page, int pages) {

		public String sortUrl(String key) {
			return url(Sort.of(key), 1);
		}

		/** The header's {@code aria-sort}: the sorted column's direction, none on the others. */
		public @Nullable String ariaSort(String key) {
			return sort.key.equals(key) ? sort.aria : null;
		}

		public @Nullable String previous() {
			return page > 1 ? url(sort, page - 1) : null;
		}

		public @Nullable String next() {
			return page < pages ? url(sort, page + 1) : null;
		}

		private String url(Sort s, int p) {
			var b = org.springframework.web.util.UriComponentsBuilder.fromPath("/caseload");
			if (!q.isEmpty()) b.queryParam("q", q);
			if (program != null) b.queryParam("program", program);
			if (acuity != null) b.queryParam("acuity", acuity);
			if (status != null) b.queryParam("status", status);
			b.queryParam("sort", s.key);
			if (p > 1) b.queryParam("page", p);
			return b.encode().build().toUriString();
		}
	}

	@GetMapping("/caseload")
	String myCaseload(@RequestParam(required = false) @Nullable UUID program,
			@RequestParam(required = false) @Nullable Acuity acuity, @RequestParam(required = false) @Nullable CaseStatus status,
			@RequestParam(required = false) @Nullable String sort, @RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String q, Model model) {
		CurrentUser me = CurrentUser.require();
		Sort order = Sort.of(sort);
		String search = q == null ? "" : q.strip();
		if (search.length() > 100) search = search.substring(0, 100);
		Set<PatientId> found = search.isEmpty() ? null
				: patients.search(search, 500).stream().map(PatientHeader::id).collect(Collectors.toSet());
		CaseloadQuery query = new CaseloadQuery(program == null ? null : new ProgramId(program), acuity, status, found,
				order.sql == null ? CaseloadQuery.Order.START : order.sql);
		int wanted = pageNumber(page);
		List<Row> rows;
		long total;
		if (order.sql != null) {
			CaseloadPage first = cases.caseload(me.id(), query, (wanted - 1) * PAGE_SIZE, PAGE_SIZE);
			total = first.total();
			int last = lastPage(total);
			if (wanted > last) {
				wanted = last;
				first = cases.caseload(me.id(), query, (wanted - 1) * PAGE_SIZE, PAGE_SIZE);
			}
			rows = rows(first.rows(), null, null, null, "none");
		}
		else {
			// the caseload of one case manager (bounded by the index on case_manager_id) sorted by what other modules know
			CaseloadPage all = cases.caseload(me.id(), query, 0, Integer.MAX_VALUE);
			total = all.total();
			wanted = Math.min(wanted, lastPage(total));
			List<Row> sorted = rows(all.rows(), null, null, null, order.key);
			rows = sorted.subList(Math.min(sorted.size(), (wanted - 1) * PAGE_SIZE),
					Math.min(sorted.size(), wanted * PAGE_SIZE));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("total", total);
		model.addAttribute("firstShown", total == 0 ? 0 : (wanted - 1) * PAGE_SIZE + 1);
		model.addAttribute("lastShown", (wanted - 1) * PAGE_SIZE + rows.size());
		model.addAttribute("links", new Links(order, search, program, acuity, status, wanted, lastPage(total)));
		model.addAttribute("q", search);
		model.addAttribute("programs", programs.all());
		model.addAttribute("selectedProgram", program);
		model.addAttribute("selectedAcuity", acuity);
		model.addAttribute("selectedStatus", status);
		model.addAttribute("sort", order.key);
		model.addAttribute("statuses", List.of(CaseStatus.ACTIVE, CaseStatus.ON_HOLD));
		return "caseload/mine";
	}

	private static int pageNumber(@Nullable String page) {
		try {
			int n = page == null ? 1 : Integer.parseInt(page.strip());
			return Math.max(1, Math.min(n, 100_000));
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	private static int lastPage(long total) {
		return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
	}

	private List<Row> rows(List<CaseloadRow> caseload, @Nullable UUID program, @Nullable Acuity acuity,
			@Nullable CaseStatus status, String sort) {
		Map<PatientId, PatientHeader> headers = patients.headers(caseload.stream().map(CaseloadRow::patient).toList());
		Map<ProgramId, String> names = programs.all().stream().collect(Collectors.toMap(ProgramView::id, ProgramView::name));
		List<Row> rows = new ArrayList<>(caseload.stream()
			.filter(r -> program == null || r.program().value().equals(program))
			.filter(r -> acuity == null || r.acuity() == acuity)
			.filter(r -> status == null || r.status() == status)
			.map(r -> new Row(r, headers.get(r.patient()), names.getOrDefault(r.program(), "")))
			.toList());
		Comparator<Row> byName = Comparator.comparing(r -> r.patient() == null ? "" : r.patient().displayName(),
				String.CASE_INSENSITIVE_ORDER);
		rows.sort(switch (sort) {
			case "name" -> byName;
			case "none" -> (a, b) -> 0; // already in the database's order
			case "program" -> Comparator.comparing(Row::program).thenComparing(byName);
			case "start" -> Comparator.comparing((Row r) -> r.row().startDate()).reversed().thenComparing(byName);
			case "nextDue" -> Comparator.comparing((Row r) -> r.row().nextDue(),
					Comparator.nullsLast(Comparator.<LocalDate>naturalOrder())).thenComparing(byName);
			case "lastContact" -> Comparator.comparing((Row r) -> r.row().lastContact(),
					Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder())).thenComparing(byName);
			default -> Comparator.comparing((Row r) -> r.row().acuity()).reversed().thenComparing(byName);
		});
		return rows;
	}

	@GetMapping("/caseload/team")
	String team(@RequestParam(required = false) @Nullable UUID program, @RequestParam(required = false) @Nullable UUID manager,
			Model model) {
		Set<ProgramId> supervised = programs.supervisedBy(CurrentUser.require().id());
		List<ProgramView> mine = programs.all().stream().filter(p -> supervised.contains(p.id())).toList();
		Map<UserId, String> names = accounts.withRole(Role.CASE_MANAGER).stream()
			.collect(Collectors.toMap(UserView::id, UserView::displayName));
		model.addAttribute("loads", cases.loads(program == null ? null : new ProgramId(program)).stream()
			.map(l -> new Load(l, names.getOrDefault(l.caseManager(), "")))
			.toList());
		model.addAttribute("programs", mine);
		model.addAttribute("selectedProgram", program);
		model.addAttribute("caseManagers", accounts.withRole(Role.CASE_MANAGER).stream().filter(UserView::enabled).toList());
		if (manager != null) {
			model.addAttribute("selectedManager", manager);
			model.addAttribute("managerName", names.getOrDefault(new UserId(manager), ""));
			// a supervisor outside a Part 2 program does not see that program's cases (the enrolment is a Part 2 record)
			List<CaseloadRow> caseload = cases.caseload(new UserId(manager));
			var segments = segmentation.part2(caseload.stream().map(CaseloadRow::patient).toList());
			List<CaseloadRow> shown = caseload.stream()
				.filter(r -> !segments.get(r.patient()).withholds(r.id().value())).toList();
			model.addAttribute("withheld", caseload.size() - shown.size());
			model.addAttribute("rows", rows(shown, program, null, null, "name"));
		}
		return "caseload/team";
	}

	@PostMapping("/caseload/reassign")
	String reassign(@RequestParam(name = "case", required = false) @Nullable List<UUID> caseIds,
			@RequestParam(required = false) @Nullable UUID to, @RequestParam(defaultValue = "") String reason,
			@RequestParam(required = false) @Nullable UUID from, RedirectAttributes redirect) {
		String back = "redirect:/caseload/team" + (from == null ? "" : "?manager=" + from);
		if (caseIds == null || caseIds.isEmpty() || to == null || reason.isBlank()) {
			redirect.addFlashAttribute("flashError", "case.reassign-incomplete");
			return back;
		}
		try {
			int moved = cases.reassign(caseIds.stream().map(CaseId::new).toList(), new UserId(to), reason);
			redirect.addFlashAttribute("flash", "case.reassigned");
			redirect.addFlashAttribute("flashArgs", new Object[] { moved });
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return back;
	}

	@GetMapping("/cases/{id}")
	String showCase(@PathVariable UUID id) {
		CaseView c = cases.find(new CaseId(id)).orElseThrow(() -> new NotFoundException("case", id));
		if (segmentation.part2(c.patient()).withholds(id)) throw Part2Labels.withheld("case");
		return "redirect:/patients/" + c.patient() + "/cases";
	}
}
