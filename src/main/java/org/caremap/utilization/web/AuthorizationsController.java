package org.caremap.utilization.web;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.appointment.AppointmentView;
import org.caremap.appointment.Appointments;
import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.organization.Organizations;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientDetails;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.utilization.AppealStatus;
import org.caremap.utilization.AuthorizationView;
import org.caremap.utilization.AuthorizationView.LineView;
import org.caremap.utilization.Authorizations;
import org.caremap.utilization.CodeSystem;
import org.caremap.utilization.Decision;
import org.caremap.utilization.Eligibilities;
import org.caremap.utilization.LineDecision;
import org.caremap.utilization.NewAuthorization;
import org.caremap.utilization.PayerRule;
import org.caremap.utilization.PayerRules;
import org.caremap.utilization.UnitKind;
import org.caremap.utilization.Urgency;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chart's authorizations tab and each authorization's page: drafting a request (from the coverage, lines, codes,
 * dates and notes; prefilled from a care-plan intervention), sending it, the payer's questions and decision per line,
 * the units visits and appointments use, documents, appeals with their letter, and peer-to-peer reviews. Every change
 * is refused (and the refusal audited) before its form is read for whoever may not contribute to the patient's record;
 * the utilization module checks again and audits.
 */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/authorizations")
class AuthorizationsController {

	static final int LINE_ROWS = 4;

	/**
	 * A request as typed: the lines as parallel lists (a row with no code is left out), the diagnoses as one text of
	 * codes separated by commas or spaces.
	 */
	record RequestForm(@NotNull @Nullable UUID coverage, @NotBlank @Size(max = 500) @Nullable String service,
			@NotBlank @Size(max = 200) @Nullable String diagnoses, @NotBlank @Size(max = 200) @Nullable String requestingProvider,
			@Size(max = 200) @Nullable String servicingProvider,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate wantedFrom,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate wantedTo, @NotNull @Nullable Urgency urgency,
			@Size(max = 8000) @Nullable String clinicalNotes, @Nullable List<String> lineSystem, @Nullable List<String> lineCode,
			@Nullable List<String> lineDescription, @Nullable List<String> lineUnits, @Nullable List<String> lineKind,
			@Nullable UUID intervention, @Nullable Integer version) {

		static RequestForm blank(LocalDate today, @Nullable UUID coverage, @Nullable String service, @Nullable UUID intervention) {
			return new RequestForm(coverage, service, "", "", "", today, today.plusDays(89), Urgency.STANDARD, "",
					List.of("CPT"), List.of(""), List.of(""), List.of(""), List.of("VISIT"), intervention, null);
		}

		static RequestForm of(AuthorizationView a) {
			return new RequestForm(a.coverage(), a.service(), String.join(", ", a.diagnoses()), a.requestingProvider(),
					a.servicingProvider(), a.wantedFrom(), a.wantedTo(), a.urgency(), a.clinicalNotes(),
					a.lines().stream().map(l -> l.system().name()).toList(), a.lines().stream().map(LineView::code).toList(),
					a.lines().stream().map(l -> l.description() == null ? "" : l.description()).toList(),
					a.lines().stream().map(l -> String.valueOf(l.unitsRequested())).toList(),
					a.lines().stream().map(l -> l.unitKind().name()).toList(), a.intervention(), a.version());
		}

		/** The value typed in row {@code i} of a line column ("" where none). */
		public String at(@Nullable List<String> column, int i) {
			return column == null || i >= column.size() || column.get(i) == null ? "" : column.get(i);
		}
	}

	private final ChartHeaders headers;
	private final Authorizations authorizations;
	private final PayerRules rules;
	private final Eligibilities eligibilities;
	private final Organizations organizations;
	private final PatientAccess access;
	private final Appointments appointments;

	AuthorizationsController(ChartHeaders headers, Authorizations authorizations, PayerRules rules, Eligibilities eligibilities,
			Organizations organizations, PatientAccess access, Appointments appointments) {
		this.headers = headers;
		this.authorizations = authorizations;
		this.rules = rules;
		this.eligibilities = eligibilities;
		this.organizations = organizations;
		this.access = access;
		this.appointments = appointments;
	}

	private void contributes(UUID patient) {
		access.require(new PatientId(patient), AccessPurpose.CONTRIBUTE);
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
	}

	private LocalDate today() {
		return LocalDate.now(zone());
	}

	@ModelAttribute("urgencies")
	List<Urgency> urgencies() {
		return List.of(Urgency.values());
	}

	@ModelAttribute("codeSystems")
	List<CodeSystem> codeSystems() {
		return List.of(CodeSystem.values());
	}

	@ModelAttribute("unitKinds")
	List<UnitKind> unitKinds() {
		return List.of(UnitKind.values());
	}

	// ---------------------------------------------------------------- the tab

	@GetMapping
	String list(@PathVariable UUID id, Model model) {
		headers.prepare(id, model, "authorizations");
		PatientId patient = new PatientId(id);
		List<AuthorizationView> all = authorizations.ofPatient(patient);
		model.addAttribute("authorizations", all);
		model.addAttribute("eligibility", eligibilities.ofPatient(patient));
		model.addAttribute("now", Instant.now());
		model.addAttribute("today", today());
		return "utilization/authorizations";
	}

	// ---------------------------------------------------------------- drafting

	private List<Coverage> coverages(ChartHeader header) {
		return header.value(PatientDetails.class).map(PatientDetails::coverage).orElse(List.of());
	}

	@GetMapping("/new")
	String newRequest(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID intervention,
			@RequestParam(required = false) @Nullable String service, Model model) {
		ChartHeader header = headers.prepare(id, model, "authorizations");
		List<Coverage> coverages = coverages(header);
		if (!model.containsAttribute("form")) {
			String prefill = service == null || service.length() > 500 ? null : service;
			model.addAttribute("form", RequestForm.blank(today(), coverages.stream().filter(c -> c.activeOn(today()))
				.map(Coverage::id).findFirst().orElse(null), prefill, intervention));
		}
		return form(model, coverages, null);
	}

	private String form(Model model, List<Coverage> coverages, @Nullable AuthorizationView editing) {
		model.addAttribute("coverages", coverages);
		model.addAttribute("editing", editing);
		model.addAttribute("lineRows", LINE_ROWS);
		return "utilization/authorization-form";
	}

	@PostMapping
	String create(@PathVariable UUID id, @Valid @ModelAttribute("form") RequestForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		contributes(id);
		ChartHeader header = headers.prepare(id, model, "authorizations");
		List<NewAuthorization.Line> lines = lines(form, errors);
		if (!errors.hasErrors()) {
			try {
				UUID made = authorizations.draft(request(id, form, lines));
				redirect.addFlashAttribute("flash", "authorization.drafted");
				return "redirect:/patients/" + id + "/authorizations/" + made;
			}
			catch (DomainException ex) {
				reject(errors, ex);
			}
		}
		return form(model, coverages(header), null);
	}

	@GetMapping("/{authorization}/edit")
	String edit(@PathVariable UUID id, @PathVariable UUID authorization, Model model) {
		ChartHeader header = headers.prepare(id, model, "authorizations");
		AuthorizationView a = mine(id, authorization);
		if (!model.containsAttribute("form")) model.addAttribute("form", RequestForm.of(a));
		return form(model, coverages(header), a);
	}

	@PostMapping("/{authorization}/edit")
	String save(@PathVariable UUID id, @PathVariable UUID authorization, @Valid @ModelAttribute("form") RequestForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		contributes(id);
		ChartHeader header = headers.prepare(id, model, "authorizations");
		AuthorizationView a = mine(id, authorization);
		List<NewAuthorization.Line> lines = lines(form, errors);
		if (!errors.hasErrors()) {
			try {
				authorizations.change(authorization, request(id, form, lines), form.version() == null ? -1 : form.version());
				redirect.addFlashAttribute("flash", "authorization.saved");
				return "redirect:/patients/" + id + "/authorizations/" + authorization;
			}
			catch (DomainException ex) {
				reject(errors, ex);
			}
		}
		return form(model, coverages(header), a);
	}

	private NewAuthorization request(UUID id, RequestForm form, List<NewAuthorization.Line> lines) {
		List<String> diagnoses = List.of((form.diagnoses() == null ? "" : form.diagnoses()).split("[,;\\s]+"));
		return new NewAuthorization(new PatientId(id), form.coverage(), form.service(), diagnoses, form.requestingProvider(),
				form.servicingProvider(), form.wantedFrom(), form.wantedTo(), form.urgency(), form.clinicalNotes(), lines,
				form.intervention());
	}

	/** The lines typed (rows with a code), each error named with its row next to the lines. */
	private static List<NewAuthorization.Line> lines(RequestForm form, BindingResult errors) {
		List<NewAuthorization.Line> out = new ArrayList<>();
		int rows = form.lineCode() == null ? 0 : Math.min(form.lineCode().size(), 50);
		for (int i = 0; i < rows; i++) {
			String code = form.at(form.lineCode(), i).trim();
			if (code.isEmpty()) continue;
			try {
				CodeSystem system = CodeSystem.valueOf(form.at(form.lineSystem(), i).isEmpty() ? "CPT" : form.at(form.lineSystem(), i));
				UnitKind kind = UnitKind.valueOf(form.at(form.lineKind(), i).isEmpty() ? "UNIT" : form.at(form.lineKind(), i));
				int units;
				try {
					units = Integer.parseInt(form.at(form.lineUnits(), i).trim());
				}
				catch (NumberFormatException ex) {
					throw new DomainException("authorization.units", "units from 1 to 9999");
				}
				String description = form.at(form.lineDescription(), i);
				if (description.length() > 300) throw new DomainException("authorization.description-too-long", "at most 300 characters");
				out.add(new NewAuthorization.Line(system, code, description, units, kind));
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("lineCode", "error.authorization.line-incomplete", new Object[] { i + 1 }, "line " + (i + 1));
			}
			catch (DomainException ex) {
				errors.rejectValue("lineCode", "error.authorization.line", new Object[] { i + 1, new org.springframework.context.support.DefaultMessageSourceResolvable(
						new String[] { "error." + ex.code() }, ex.arguments(), ex.getMessage()) }, "line " + (i + 1) + ": " + ex.getMessage());
			}
		}
		if (out.isEmpty() && !errors.hasFieldErrors("lineCode")) {
			errors.rejectValue("lineCode", "error.authorization.no-lines", "add at least one line");
		}
		return out;
	}

	private static void reject(BindingResult errors, DomainException ex) {
		String field = switch (ex.code()) {
			case "authorization.service" -> "service";
			case "authorization.requester" -> "requestingProvider";
			case "authorization.diagnosis", "authorization.no-diagnosis", "authorization.too-many-diagnoses" -> "diagnoses";
			case "authorization.dates", "authorization.too-long" -> "wantedTo";
			case "authorization.coverage" -> "coverage";
			case "authorization.no-lines", "authorization.too-many-lines", "authorization.code", "authorization.units" -> "lineCode";
			default -> null;
		};
		if (field != null) errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
		else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
	}

	// ---------------------------------------------------------------- the authorization's page

	private AuthorizationView mine(UUID patient, UUID authorization) {
		return authorizations.find(authorization).filter(a -> a.patient().value().equals(patient))
			.orElseThrow(() -> new NotFoundException("authorization", authorization));
	}

	@GetMapping("/{authorization}")
	String show(@PathVariable UUID id, @PathVariable UUID authorization, Model model) {
		headers.prepare(id, model, "authorizations");
		return page(id, mine(id, authorization), model);
	}

	private String page(UUID id, AuthorizationView a, Model model) {
		model.addAttribute("a", a);
		PayerRule rule = rules.of(a.payer());
		model.addAttribute("rule", rule);
		model.addAttribute("now", Instant.now());
		model.addAttribute("today", today());
		model.addAttribute("zone", zone());
		model.addAttribute("appealActions", List.of(AppealStatus.Action.values()));
		if (a.status().inForce() || a.status().awaitingDecision()) {
			// the patient's appointments that may count against a line: booked ones (planned) and kept ones
			List<AppointmentView> countable = appointments.ofPatient(a.patient()).stream()
				.filter(x -> x.status().open() || x.status() == org.caremap.appointment.AppointmentStatus.ARRIVED)
				.filter(x -> !x.start().isBefore(a.wantedFrom().minusDays(31).atStartOfDay(zone()).toInstant()))
				.limit(30).toList();
			model.addAttribute("countable", countable);
		}
		else model.addAttribute("countable", List.of());
		if (!model.containsAttribute("decisionValues")) model.addAttribute("decisionValues", decisionDefaults(a));
		if (!model.containsAttribute("decisionErrors")) model.addAttribute("decisionErrors", Map.of());
		return "utilization/authorization";
	}

	/** The decision form as first shown: every line approved as requested for the dates wanted. */
	private Map<String, String> decisionDefaults(AuthorizationView a) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put("decidedAt", LocalDateTime.now(zone()).withSecond(0).withNano(0).toString());
		for (LineView l : a.lines()) {
			v.put("units-" + l.id(), String.valueOf(l.unitsApproved() != null && l.decision() != LineDecision.PENDING
					? l.unitsApproved() : l.unitsRequested()));
			v.put("from-" + l.id(), (l.approvedFrom() != null ? l.approvedFrom() : a.wantedFrom()).toString());
			v.put("to-" + l.id(), (l.approvedTo() != null ? l.approvedTo() : a.wantedTo()).toString());
		}
		return v;
	}

	private String back(UUID id, UUID authorization, String anchor) {
		return "redirect:/patients/" + id + "/authorizations/" + authorization + (anchor.isEmpty() ? "" : "#" + anchor);
	}

	@PostMapping("/{authorization}/submit")
	String submit(@PathVariable UUID id, @PathVariable UUID authorization,
			@RequestParam(required = false) @Nullable String submittedAt, RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "authorization.submitted", () -> authorizations.submit(authorization,
				submittedAt == null || submittedAt.isBlank() ? Instant.now() : moment(submittedAt, "submittedAt")));
		return back(id, authorization, "");
	}

	private Instant moment(String value, String field) {
		try {
			return LocalDateTime.parse(value).atZone(zone()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new DomainException("form.date", field + ": not a date and time");
		}
	}

	@PostMapping("/{authorization}/pend")
	String pend(@PathVariable UUID id, @PathVariable UUID authorization, @RequestParam(required = false) @Nullable String note,
			RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "authorization.pended", () -> authorizations.pend(authorization, bounded(note, 1500)));
		return back(id, authorization, "");
	}

	@PostMapping("/{authorization}/information")
	String information(@PathVariable UUID id, @PathVariable UUID authorization,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "authorization.informationSentDone", () -> authorizations.informationSent(authorization, bounded(note, 1500)));
		return back(id, authorization, "");
	}

	@PostMapping("/{authorization}/withdraw")
	String withdraw(@PathVariable UUID id, @PathVariable UUID authorization, @RequestParam(required = false) @Nullable String reason,
			RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "authorization.withdrawn", () -> authorizations.withdraw(authorization, bounded(reason, 1500)));
		return back(id, authorization, "");
	}

	private static String bounded(@Nullable String text, int max) {
		if (text == null) return "";
		if (text.length() > max) throw new DomainException("form.too-long", "at most " + max + " characters", max);
		return text;
	}

	@PostMapping("/{authorization}/decision")
	String decide(@PathVariable UUID id, @PathVariable UUID authorization, @RequestParam Map<String, String> values,
			Model model, RedirectAttributes redirect) {
		contributes(id);
		headers.prepare(id, model, "authorizations");
		AuthorizationView a = mine(id, authorization);
		Map<String, String> errors = new LinkedHashMap<>();
		Decision decision = decision(a, values, errors, true);
		if (errors.isEmpty() && decision != null) {
			try {
				authorizations.decide(authorization, decision);
				redirect.addFlashAttribute("flash", "authorization.decided");
				return back(id, authorization, "lines");
			}
			catch (DomainException ex) {
				errors.put("decision", "error." + ex.code());
				model.addAttribute("decisionArgs", ex.arguments());
			}
		}
		model.addAttribute("decisionValues", values);
		model.addAttribute("decisionErrors", errors);
		return page(id, a, model);
	}

	/**
	 * Reads the decision form ({@code units-<line>}, {@code from-<line>}, {@code to-<line>}, {@code reason-<line>}):
	 * errors by field name, as message keys.
	 */
	private @Nullable Decision decision(AuthorizationView a, Map<String, String> v, Map<String, String> errors, boolean whole) {
		Instant decidedAt = null;
		if (whole) {
			try {
				decidedAt = LocalDateTime.parse(v.getOrDefault("decidedAt", "")).atZone(zone()).toInstant();
			}
			catch (DateTimeParseException ex) {
				errors.put("decidedAt", "error.authorization.decided-at");
			}
			if (v.getOrDefault("payerReference", "").length() > 100) errors.put("payerReference", "error.form.too-long-100");
		}
		if (v.getOrDefault("reason", "").length() > 2000) errors.put("reason", "error.form.too-long-2000");
		List<Decision.LineAnswer> answers = new ArrayList<>();
		for (LineView l : a.lines()) {
			if (!whole && l.decision() == LineDecision.APPROVED) continue;
			String units = v.getOrDefault("units-" + l.id(), "").trim();
			int n;
			try {
				n = Integer.parseInt(units);
				if (n < 0 || n > l.unitsRequested()) {
					errors.put("units-" + l.id(), "error.authorization.units-range");
					continue;
				}
			}
			catch (NumberFormatException ex) {
				errors.put("units-" + l.id(), "error.authorization.units-range");
				continue;
			}
			LocalDate from = date(v.get("from-" + l.id()));
			LocalDate to = date(v.get("to-" + l.id()));
			if (n > 0 && from == null) errors.put("from-" + l.id(), "error.authorization.period");
			if (n > 0 && to == null) errors.put("to-" + l.id(), "error.authorization.period");
			if (from != null && to != null && to.isBefore(from)) errors.put("to-" + l.id(), "error.authorization.dates");
			String reason = v.getOrDefault("reason-" + l.id(), "");
			if (reason.length() > 2000) errors.put("reason-" + l.id(), "error.form.too-long-2000");
			if (n < l.unitsRequested() && reason.isBlank() && v.getOrDefault("reason", "").isBlank()) {
				errors.put("reason-" + l.id(), "error.authorization.denial-reason");
			}
			if (errors.isEmpty()) answers.add(new Decision.LineAnswer(l.id(), n, n == 0 ? null : from, n == 0 ? null : to, reason));
		}
		if (!errors.isEmpty()) return null;
		try {
			return new Decision(v.get("payerReference"), decidedAt == null ? Instant.now() : decidedAt, v.get("reason"), answers);
		}
		catch (DomainException ex) {
			errors.put("decision", "error." + ex.code());
			return null;
		}
	}

	private static @Nullable LocalDate date(@Nullable String value) {
		if (value == null || value.isBlank()) return null;
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	// ---------------------------------------------------------------- units

	@PostMapping("/{authorization}/units")
	String useUnits(@PathVariable UUID id, @PathVariable UUID authorization, @RequestParam(required = false) @Nullable UUID line,
			@RequestParam(required = false) @Nullable String usedOn, @RequestParam(required = false) @Nullable String units,
			@RequestParam(required = false) @Nullable UUID appointment, @RequestParam(required = false) @Nullable String note,
			RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, appointment == null ? "authorization.unitsUsed" : "authorization.appointmentLinked", () -> {
			if (line == null) throw new DomainException("form.incomplete", "choose the line");
			LocalDate day = date(usedOn);
			if (day == null && appointment == null) throw new DomainException("authorization.use-day", "say on which day");
			if (day != null && day.isAfter(today())) throw new DomainException("authorization.use-future", "units are counted when used");
			int n;
			try {
				n = units == null || units.isBlank() ? 1 : Integer.parseInt(units.trim());
			}
			catch (NumberFormatException ex) {
				throw new DomainException("authorization.use-units", "units from 1 to 999");
			}
			authorizations.useUnits(line, day == null ? today() : day, n, appointment, bounded(note, 1000));
		});
		return back(id, authorization, "lines");
	}

	@PostMapping("/{authorization}/units/{use}/void")
	String voidUse(@PathVariable UUID id, @PathVariable UUID authorization, @PathVariable UUID use,
			@RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "authorization.useVoided", () -> authorizations.voidUse(use, bounded(reason, 1500)));
		return back(id, authorization, "lines");
	}

	// ---------------------------------------------------------------- documents

	@PostMapping("/{authorization}/documents")
	String upload(@PathVariable UUID id, @PathVariable UUID authorization,
			@RequestParam(required = false) @Nullable MultipartFile document, RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "authorization.documentAdded", () -> {
			if (document == null || document.isEmpty()) throw new DomainException("authorization.document-empty", "choose a file");
			if (document.getSize() > 5L * 1024 * 1024) throw new DomainException("authorization.document-too-big", "at most 5 MB");
			try {
				authorizations.attach(authorization, document.getOriginalFilename() == null ? "document" : document.getOriginalFilename(),
						document.getContentType() == null ? "" : document.getContentType(), document.getBytes());
			}
			catch (IOException ex) {
				throw new DomainException("authorization.document-empty", "the file could not be read");
			}
		});
		return back(id, authorization, "documents");
	}

	@GetMapping("/{authorization}/documents/{document}")
	ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID authorization, @PathVariable UUID document) {
		headers.header(id);
		mine(id, authorization);
		Authorizations.Document d = authorizations.document(authorization, document)
			.orElseThrow(() -> new NotFoundException("document", document));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(d.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.filename()).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(d.content());
	}

	// ---------------------------------------------------------------- appeals

	@PostMapping("/{authorization}/appeals")
	String openAppeal(@PathVariable UUID id, @PathVariable UUID authorization,
			@RequestParam(required = false) @Nullable String noticeDate, RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "appeal.opened", () -> {
			LocalDate notice = date(noticeDate);
			if (notice == null) throw new DomainException("appeal.notice-date", "give the date of the payer's notice");
			authorizations.openAppeal(authorization, notice);
		});
		return back(id, authorization, "appeals");
	}

	@PostMapping("/{authorization}/appeals/{appeal}/letter")
	String letter(@PathVariable UUID id, @PathVariable UUID authorization, @PathVariable UUID appeal,
			@RequestParam(required = false) @Nullable String letter, @RequestParam(required = false) @Nullable Integer version,
			RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "appeal.letterSaved",
				() -> authorizations.changeLetter(appeal, letter == null ? "" : letter, version == null ? -1 : version));
		return back(id, authorization, "appeal-" + appeal);
	}

	@PostMapping("/{authorization}/appeals/{appeal}/status")
	String appealStatus(@PathVariable UUID id, @PathVariable UUID authorization, @PathVariable UUID appeal,
			@RequestParam(required = false) AppealStatus.@Nullable Action action, @RequestParam Map<String, String> values,
			RedirectAttributes redirect) {
		contributes(id);
		AuthorizationView a = mine(id, authorization);
		ChartActions.attempt(redirect, "appeal.done." + (action == null ? "none" : action.name()), () -> {
			if (action == null) throw new DomainException("form.incomplete", "choose what happened");
			Decision changed = null;
			if (action == AppealStatus.Action.PARTIALLY_OVERTURN || action == AppealStatus.Action.OVERTURN) {
				Map<String, String> errors = new LinkedHashMap<>();
				changed = decision(a, values, errors, false);
				if (!errors.isEmpty()) {
					String first = errors.values().iterator().next();
					throw new DomainException(first.substring("error.".length()), "check the units and dates of each line");
				}
			}
			authorizations.appealAction(appeal, action, bounded(values.get("note"), 2000), changed);
		});
		return back(id, authorization, "appeal-" + appeal);
	}

	@GetMapping("/{authorization}/appeals/{appeal}/letter.pdf")
	ResponseEntity<byte[]> letterPdf(@PathVariable UUID id, @PathVariable UUID authorization, @PathVariable UUID appeal) {
		headers.header(id);
		AuthorizationView a = mine(id, authorization);
		if (a.appeals().stream().noneMatch(x -> x.id().equals(appeal))) throw new NotFoundException("appeal", appeal);
		byte[] pdf = authorizations.appealLetter(appeal);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("appeal-letter.pdf").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(pdf);
	}

	// ---------------------------------------------------------------- peer to peer

	@PostMapping("/{authorization}/peer-to-peer")
	String requestPeerToPeer(@PathVariable UUID id, @PathVariable UUID authorization,
			@RequestParam(required = false) @Nullable String physician, @RequestParam(required = false) @Nullable String scheduledFor,
			RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "p2p.requestedDone", () -> authorizations.requestPeerToPeer(authorization,
				physician == null ? "" : physician, scheduledFor == null || scheduledFor.isBlank() ? null : moment(scheduledFor, "scheduledFor")));
		return back(id, authorization, "peer-to-peer");
	}

	@PostMapping("/{authorization}/peer-to-peer/{review}")
	String recordPeerToPeer(@PathVariable UUID id, @PathVariable UUID authorization, @PathVariable UUID review,
			@RequestParam(required = false) @Nullable String outcome, @RequestParam(required = false) @Nullable String payerReviewer,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		contributes(id);
		mine(id, authorization);
		ChartActions.attempt(redirect, "p2p.recorded", () -> authorizations.recordPeerToPeer(review, outcome == null ? "" : outcome,
				payerReviewer, note));
		return back(id, authorization, "peer-to-peer");
	}

	// ---------------------------------------------------------------- care-plan interventions

	@PostMapping("/needs")
	String link(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID intervention,
			@RequestParam(required = false) @Nullable UUID line, RedirectAttributes redirect) {
		contributes(id);
		headers.header(id);
		ChartActions.attempt(redirect, line == null ? "authorization.needMarked" : "authorization.needLinked", () -> {
			if (intervention == null) throw new DomainException("form.incomplete", "choose the intervention");
			authorizations.linkIntervention(new PatientId(id), intervention, line);
		});
		return "redirect:/patients/" + id + "/care-plan";
	}

	/** The authorizations tab of the chart, after the appointments. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "authorizations";
		}

		@Override
		public int order() {
			return 78;
		}

		@Override
		public String path() {
			return "/authorizations";
		}
	}
}
