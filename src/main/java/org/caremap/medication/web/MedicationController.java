package org.caremap.medication.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.medication.Adherence;
import org.caremap.medication.Decision;
import org.caremap.medication.ListedMedication;
import org.caremap.medication.MedicationEntry;
import org.caremap.medication.MedicationList;
import org.caremap.medication.MedicationSource;
import org.caremap.medication.ReconciliationLine;
import org.caremap.medication.ReconciliationView;
import org.caremap.medication.Reconciliations;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
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
 * The chart's medications tab: the list the care team keeps (add, change, stop, with its history), the
 * reconciliations (start, fill the columns, decide each line, sign or cancel), adherence from pharmacy fills (PDC per
 * class, a timeline of fills and gaps, a CSV upload) and cost barriers, and the patient's own list to print or
 * download in English or Spanish. Every change is checked for the record's WRITE purpose before the form is read.
 */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/medications")
class MedicationController {

	/** A medication as the forms post it. */
	record EntryForm(@Pattern(regexp = "[0-9]{0,12}") @Nullable String rxnormCode, @NotBlank @Size(max = 200) @Nullable String name,
			@Size(max = 120) @Nullable String dose, @Size(max = 60) @Nullable String route,
			@Size(max = 120) @Nullable String frequency, @Size(max = 120) @Nullable String prescriber,
			@NotNull @Nullable MedicationSource source, @Size(max = 1000) @Nullable String reason) {

		static EntryForm blank() {
			return new EntryForm("", "", "", "", "", "", MedicationSource.PATIENT_REPORTED, "");
		}

		static EntryForm of(MedicationEntry e) {
			return new EntryForm(e.rxnormCode(), e.name(), e.dose(), e.route(), e.frequency(), e.prescriber(), e.source(), "");
		}

		MedicationEntry entry() {
			return new MedicationEntry(rxnormCode, name == null ? "" : name, dose, route, frequency, prescriber,
					source == null ? MedicationSource.PATIENT_REPORTED : source);
		}
	}

	/** A cost barrier as its form posts it. */
	record BarrierForm(@NotBlank @Size(max = 200) @Nullable String drugName, @NotBlank @Size(max = 1000) @Nullable String barrier,
			@DecimalMin("0") @DecimalMax("99999999") @Nullable BigDecimal monthlyCost,
			@Size(max = 1000) @Nullable String alternative) {
	}

	/** One class's covered runs and gaps laid out on its period (x and width in days, for an SVG of the period). */
	record Timeline(org.caremap.medication.AdherenceView view, int days, List<Bar> bars) {

		record Bar(long x, long width, boolean covered, LocalDate from, LocalDate to) {
		}

		static Timeline of(org.caremap.medication.AdherenceView v) {
			var r = v.result();
			List<Bar> bars = new java.util.ArrayList<>();
			for (var s : r.covered()) bars.add(bar(r.indexDate(), s, true));
			for (var s : r.gaps()) bars.add(bar(r.indexDate(), s, false));
			bars.sort(java.util.Comparator.comparingLong(Bar::x));
			return new Timeline(v, r.daysInPeriod(), bars);
		}

		private static Bar bar(LocalDate index, org.caremap.medication.Pdc.Span s, boolean covered) {
			return new Bar(java.time.temporal.ChronoUnit.DAYS.between(index, s.from()), s.days(), covered, s.from(), s.to());
		}
	}

	private final ChartHeaders headers;
	private final MedicationList list;
	private final Reconciliations reconciliations;
	private final Adherence adherence;
	private final org.caremap.transition.Transitions transitions;

	MedicationController(ChartHeaders headers, MedicationList list, Reconciliations reconciliations, Adherence adherence,
			org.caremap.transition.Transitions transitions) {
		this.transitions = transitions;
		this.headers = headers;
		this.list = list;
		this.reconciliations = reconciliations;
		this.adherence = adherence;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("sources", List.of(MedicationSource.values()));
		model.addAttribute("decisions", List.of(Decision.values()));
	}

	// ---- the list ----

	@GetMapping
	String medications(@PathVariable UUID id, Model model) {
		if (!model.containsAttribute("form")) model.addAttribute("form", EntryForm.blank());
		headers.prepare(id, model, "medications");
		PatientId patient = new PatientId(id);
		model.addAttribute("medications", list.of(patient));
		model.addAttribute("history", list.history(patient));
		model.addAttribute("reconciliations", reconciliations.ofPatient(patient));
		model.addAttribute("flags", adherence.flags(patient));
		// the latest discharges, for a reconciliation tied to a stay
		model.addAttribute("stays", transitions.encounters(patient).stream().filter(e -> e.dischargedAt() != null).limit(5).toList());
		return "medication/medications";
	}

	@PostMapping
	String add(@PathVariable UUID id, @Valid @ModelAttribute("form") EntryForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		if (!errors.hasErrors()) {
			try {
				list.add(patient, form.entry(), reasonOr(form.reason(), "added"));
				redirect.addFlashAttribute("flash", "medication.added");
				return "redirect:/patients/" + id + "/medications";
			}
			catch (DomainException ex) {
				errors.rejectValue("name", "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return medications(id, model);
	}

	@GetMapping("/{item}/edit")
	String edit(@PathVariable UUID id, @PathVariable UUID item, Model model) {
		ChartHeader h = headers.prepare(id, model, "medications");
		ListedMedication m = item(h.patient(), item);
		if (!model.containsAttribute("form")) model.addAttribute("form", EntryForm.of(m.entry()));
		model.addAttribute("item", m);
		return "medication/edit";
	}

	@PostMapping("/{item}/edit")
	String change(@PathVariable UUID id, @PathVariable UUID item, @Valid @ModelAttribute("form") EntryForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		if (form.reason() == null || form.reason().isBlank()) {
			errors.rejectValue("reason", "error.medication.reason-required", "say why");
		}
		if (!errors.hasErrors()) {
			try {
				list.change(patient, item, form.entry(), form.reason());
				redirect.addFlashAttribute("flash", "medication.changed");
				return "redirect:/patients/" + id + "/medications";
			}
			catch (NotFoundException ex) {
				throw ex;
			}
			catch (DomainException ex) {
				errors.rejectValue("name", "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return edit(id, item, model);
	}

	@PostMapping("/{item}/stop")
	String stop(@PathVariable UUID id, @PathVariable UUID item, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		ChartActions.attempt(redirect, "medication.stopped", () -> list.stop(patient, item, reason));
		return "redirect:/patients/" + id + "/medications";
	}

	// ---- reconciliation ----

	@PostMapping("/reconciliations")
	String start(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID encounter,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		try {
			UUID rec = reconciliations.start(patient, encounter, note);
			redirect.addFlashAttribute("flash", "reconciliation.started");
			return "redirect:/patients/" + id + "/medications/reconciliations/" + rec;
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
			return "redirect:/patients/" + id + "/medications";
		}
	}

	@GetMapping("/reconciliations/{rec}")
	String reconciliation(@PathVariable UUID id, @PathVariable UUID rec, Model model) {
		ChartHeader h = headers.prepare(id, model, "medications");
		ReconciliationView r = reconciliationOf(h.patient(), rec);
		model.addAttribute("rec", r);
		model.addAttribute("stay", r.encounter() == null ? null
				: transitions.encounter(r.encounter()).map(e -> e.encounter()).orElse(null));
		if (!model.containsAttribute("form")) model.addAttribute("form", EntryForm.blank());
		model.addAttribute("columns", List.of(Reconciliations.Column.values()));
		return "medication/reconciliation";
	}

	@PostMapping("/reconciliations/{rec}/lines")
	String addLine(@PathVariable UUID id, @PathVariable UUID rec,
			@RequestParam(defaultValue = "DISCHARGE") Reconciliations.Column column,
			@Valid @ModelAttribute("form") EntryForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		reconciliationOf(patient, rec);
		if (!errors.hasErrors()) {
			try {
				reconciliations.add(rec, column, form.entry());
				redirect.addFlashAttribute("flash", "reconciliation.lineAdded");
				return "redirect:/patients/" + id + "/medications/reconciliations/" + rec;
			}
			catch (DomainException ex) {
				errors.rejectValue("name", "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		model.addAttribute("column", column);
		return reconciliation(id, rec, model);
	}

	@PostMapping("/reconciliations/{rec}/from-records")
	String fromRecords(@PathVariable UUID id, @PathVariable UUID rec,
			@RequestParam(defaultValue = "DISCHARGE") Reconciliations.Column column, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		reconciliationOf(patient, rec);
		try {
			int added = reconciliations.addFromRecords(rec, column);
			redirect.addFlashAttribute("flash", "reconciliation.fromRecordsDone");
			redirect.addFlashAttribute("flashArgs", new Object[] { added });
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/patients/" + id + "/medications/reconciliations/" + rec;
	}

	@PostMapping("/reconciliations/{rec}/lines/{line}/decision")
	String decide(@PathVariable UUID id, @PathVariable UUID rec, @PathVariable UUID line,
			@RequestParam(required = false) @Nullable Decision decision, @RequestParam(defaultValue = "") String reason,
			@RequestParam(required = false) @Nullable String dose, @RequestParam(required = false) @Nullable String route,
			@RequestParam(required = false) @Nullable String frequency, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		reconciliationOf(patient, rec);
		ChartActions.attempt(redirect, "reconciliation.decided", () -> {
			if (decision == null) throw new DomainException("reconciliation.decision-required", "choose a decision");
			for (String s : new String[] { dose, route, frequency }) {
				if (s != null && s.length() > 120) throw new DomainException("medication.too-long", "too long", "120");
			}
			reconciliations.decide(rec, line, decision, reason, new ReconciliationLine.Column(blankToNull(dose),
					blankToNull(route), blankToNull(frequency)));
		});
		return "redirect:/patients/" + id + "/medications/reconciliations/" + rec + "#line-" + line;
	}

	@PostMapping("/reconciliations/{rec}/sign")
	String sign(@PathVariable UUID id, @PathVariable UUID rec, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		reconciliationOf(patient, rec);
		ChartActions.attempt(redirect, "reconciliation.signedDone", () -> reconciliations.sign(rec));
		return "redirect:/patients/" + id + "/medications/reconciliations/" + rec;
	}

	@PostMapping("/reconciliations/{rec}/cancel")
	String cancel(@PathVariable UUID id, @PathVariable UUID rec, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		reconciliationOf(patient, rec);
		ChartActions.attempt(redirect, "reconciliation.cancelledDone", () -> reconciliations.cancel(rec, reason));
		return "redirect:/patients/" + id + "/medications/reconciliations/" + rec;
	}

	// ---- adherence ----

	@GetMapping("/adherence")
	String adherence(@PathVariable UUID id, Model model) {
		headers.prepare(id, model, "medications");
		PatientId patient = new PatientId(id);
		if (!model.containsAttribute("barrier")) model.addAttribute("barrier", new BarrierForm("", "", null, ""));
		model.addAttribute("measured", adherence.current(patient).stream().map(Timeline::of).toList());
		model.addAttribute("fills", adherence.fills(patient));
		model.addAttribute("barriers", adherence.costBarriers(patient));
		return "medication/adherence";
	}

	@PostMapping("/fills")
	String uploadFills(@PathVariable UUID id, @RequestParam(required = false) @Nullable MultipartFile file, Model model,
			RedirectAttributes redirect) throws IOException {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		if (file == null || file.isEmpty()) {
			model.addAttribute("csvProblems", List.of(new Adherence.CsvProblem(0, "file", "fill.csv.no-file")));
			return adherence(id, model);
		}
		if (file.getSize() > 1_000_000) {
			model.addAttribute("csvProblems", List.of(new Adherence.CsvProblem(0, "file", "fill.csv.too-big")));
			return adherence(id, model);
		}
		Adherence.CsvOutcome outcome = adherence.importCsv(patient, new String(file.getBytes(), StandardCharsets.UTF_8));
		if (outcome.refused()) {
			model.addAttribute("csvProblems", outcome.problems());
			return adherence(id, model);
		}
		redirect.addFlashAttribute("flash", "fill.csv.imported");
		redirect.addFlashAttribute("flashArgs", new Object[] { outcome.created(), outcome.matched() });
		return "redirect:/patients/" + id + "/medications/adherence";
	}

	@PostMapping("/cost-barriers")
	String costBarrier(@PathVariable UUID id, @Valid @ModelAttribute("barrier") BarrierForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		list.requireWrite(patient);
		if (!errors.hasErrors()) {
			try {
				adherence.recordCostBarrier(patient, form.drugName() == null ? "" : form.drugName(),
						form.barrier() == null ? "" : form.barrier(), form.monthlyCost(), form.alternative());
				redirect.addFlashAttribute("flash", "barrier.recorded");
				return "redirect:/patients/" + id + "/medications/adherence";
			}
			catch (DomainException ex) {
				errors.rejectValue("barrier", "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return adherence(id, model);
	}

	// ---- the patient's own list ----

	@GetMapping("/print")
	String print(@PathVariable UUID id, @RequestParam(required = false) @Nullable String lang, Model model) {
		ChartHeader h = headers.prepare(id, model, "medications");
		String language = PatientList.language(lang);
		model.addAttribute("lang", language);
		model.addAttribute("other", language.equals("es") ? "en" : "es");
		model.addAttribute("t", PatientList.texts(language));
		model.addAttribute("updated", PatientList.dates(language).format(LocalDate.now()));
		model.addAttribute("medications", list.of(h.patient()));
		return "medication/print";
	}

	@GetMapping("/list.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable UUID id, @RequestParam(required = false) @Nullable String lang) {
		ChartHeader h = headers.header(id);
		String language = PatientList.language(lang);
		byte[] pdf = PatientList.pdf(h.name(), list.of(h.patient()), "", language, LocalDate.now());
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("medications-" + language + ".pdf").build().toString())
			.body(pdf);
	}

	private ListedMedication item(PatientId patient, UUID item) {
		return list.of(patient).stream().filter(m -> m.id().equals(item)).findFirst()
			.orElseThrow(() -> new NotFoundException("medication", item));
	}

	private ReconciliationView reconciliationOf(PatientId patient, UUID rec) {
		return reconciliations.find(rec).filter(r -> r.patient().equals(patient))
			.orElseThrow(() -> new NotFoundException("reconciliation", rec));
	}

	private static String reasonOr(@Nullable String reason, String otherwise) {
		return reason == null || reason.isBlank() ? otherwise : reason;
	}

	private static @Nullable String blankToNull(@Nullable String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	/** The medications tab of the chart, after the care plan. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "medications";
		}

		@Override
		public int order() {
			return 55;
		}

		@Override
		public String path() {
			return "/medications";
		}
	}
}
