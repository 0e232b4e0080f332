package org.caremap.assessment.web;

import org.caremap.access.Segmentation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.caremap.assessment.Answers;
import org.caremap.assessment.AnswersRejected;
import org.caremap.assessment.AssessmentView;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Instrument;
import org.caremap.assessment.InstrumentTexts;
import org.caremap.assessment.Instruments;
import org.caremap.assessment.Item;
import org.caremap.assessment.ItemType;
import org.caremap.assessment.Respondent;
import org.caremap.assessment.ScorePoint;
import org.caremap.assessment.Shown;
import org.caremap.access.Part2Segment;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.Cases;
import org.caremap.chart.ChartAction;
import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.chart.ReturnTo;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Component;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The chart's assessments tab: assign, answer (part way or all), see results, flags, social needs and trends. */
@ChartPage
@Controller
@RequestMapping("/patients/{id}")
class AssessmentController {

	/** The scores of one instrument over time, as the chart and its table show them. */
	record Series(String key, String title, List<ScorePoint> points) {
		public String xs() {
			return String.join(",", points.stream().map(p -> String.valueOf(p.completedAt().getEpochSecond())).toList());
		}

		public String ys() {
			return String.join(",", points.stream().map(p -> p.value().stripTrailingZeros().toPlainString()).toList());
		}
	}

	private final ChartHeaders headers;
	private final Assessments assessments;
	private final Instruments instruments;
	private final Cases cases;
	private final Programs programs;
	private final Organizations organizations;
	private final InstrumentTexts texts;
	private final Segmentation segmentation;

	AssessmentController(ChartHeaders headers, Assessments assessments, Instruments instruments, Cases cases,
			Programs programs, Organizations organizations, InstrumentTexts texts, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.texts = texts;
		this.headers = headers;
		this.assessments = assessments;
		this.instruments = instruments;
		this.cases = cases;
		this.programs = programs;
		this.organizations = organizations;
	}

	@GetMapping("/assessments")
	String list(@PathVariable UUID id, @RequestParam(required = false) @Nullable String returnTo, Model model) {
		headers.prepare(id, model, "assessments");
		// opened from the chart's "Start assessment": the assessment goes back there once saved
		model.addAttribute("returnTo", ReturnTo.safe(returnTo).orElse(null));
		PatientId patient = new PatientId(id);
		Shown<AssessmentView> shown = assessments.shown(patient);
		List<AssessmentView> all = shown.rows();
		// 42 CFR Part 2: how many assessments of a substance-use program were withheld (their flags, needs and scores
		// with them), and the notice for those shown under the patient's consent
		model.addAttribute("assessmentsWithheld", shown.withheld());
		model.addAttribute("part2Notice", shown.notice());
		model.addAttribute("open", all.stream().filter(a -> a.status().open()).toList());
		model.addAttribute("done", all.stream().filter(a -> !a.status().open()).toList());
		model.addAttribute("flags", assessments.flags(patient));
		model.addAttribute("needs", assessments.needs(patient));
		Map<String, Series> series = new LinkedHashMap<>();
		for (ScorePoint p : assessments.history(patient)) {
			series.computeIfAbsent(p.instrumentKey(), k -> new Series(k, p.instrumentTitle(), new ArrayList<>())).points().add(p);
		}
		model.addAttribute("series", series.values());
		model.addAttribute("instruments",
				instruments.current().stream().map(i -> texts.in(i, LocaleContextHolder.getLocale())).toList());
		// an assessment is assigned within one of the open cases
		// (not a substance-use program's case, for a reader outside it: what is assessed there is the program's)
		Part2Segment segment = segmentation.part2(patient);
		model.addAttribute("openCases", cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED)
			.filter(c -> !segment.withholds(c.id().value())).toList());
		model.addAttribute("programs", programs.all().stream().collect(Collectors.toMap(ProgramView::id, ProgramView::name)));
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		model.addAttribute("defaultDue", LocalDate.now(zone).plusDays(7));
		return "assessment/assessments";
	}

	@PostMapping("/assessments")
	String assign(@PathVariable UUID id, @RequestParam(defaultValue = "") String instrument,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueOn,
			@RequestParam(required = false) @Nullable UUID caseId, @RequestParam(defaultValue = "assign") String action,
			@RequestParam(required = false) @Nullable String returnTo, RedirectAttributes redirect) {
		String back = ReturnTo.safe(returnTo).orElse(null);
		try {
			if (instrument.isBlank() || dueOn == null) throw new DomainException("form.incomplete", "choose an instrument and a date");
			if ("start".equals(action)) {
				// "Start now" on an instrument the patient already has open opens that one, answers kept
				var open = assessments.ofPatient(new PatientId(id)).stream()
					.filter(a -> a.instrumentKey().equals(instrument) && a.status().open()).findFirst();
				if (open.isPresent()) {
					redirect.addFlashAttribute("flash", "assessment.resumed");
					if (back != null) redirect.addAttribute("returnTo", back);
					return "redirect:/patients/" + id + "/assessments/" + open.get().id();
				}
			}
			if ("atHome".equals(action)) {
				assessments.assignAtHome(new PatientId(id), caseId == null ? null : new CaseId(caseId), instrument, dueOn);
				redirect.addFlashAttribute("flash", "assessment.assignedAtHome");
				if (back != null) return "redirect:" + back;
				return "redirect:/patients/" + id + "/assessments";
			}
			UUID assessment = assessments.assign(new PatientId(id), caseId == null ? null : new CaseId(caseId), instrument, dueOn);
			if ("start".equals(action)) {
				if (back != null) redirect.addAttribute("returnTo", back);
				return "redirect:/patients/" + id + "/assessments/" + assessment;
			}
			redirect.addFlashAttribute("flash", "assessment.assigned");
			if (back != null) return "redirect:" + back;
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/patients/" + id + "/assessments";
	}

	@GetMapping("/assessments/{assessment}")
	String show(@PathVariable UUID id, @PathVariable UUID assessment,
			@RequestParam(required = false) @Nullable String returnTo, Model model) {
		AssessmentView a = load(id, assessment);
		model.addAttribute("returnTo", ReturnTo.safe(returnTo).orElse(null));
		return page(id, a, a.answers(), Map.of(), model);
	}

	private AssessmentView load(UUID patient, UUID assessment) {
		AssessmentView a = assessments.find(assessment).orElseThrow(() -> new NotFoundException("assessment", assessment));
		if (!a.patient().value().equals(patient)) throw new NotFoundException("assessment", assessment);
		return a;
	}

	private String page(UUID id, AssessmentView a, Answers answers, Map<String, String> problems, Model model) {
		ChartHeader header = headers.prepare(id, model, "assessments");
		// the questions and answers in the reader's language where the instrument ships a translation (the codes, and
		// so the checks and the score, are the same)
		Instrument instrument = texts.in(instruments.version(a.instrumentKey(), a.instrumentSeq()).orElseThrow(),
				LocaleContextHolder.getLocale());
		model.addAttribute("a", a);
		// one made in a Part 2 program, seen under the patient's consent, carries the notice against redisclosure
		model.addAttribute("part2Notice", a.part2() && segmentation.part2(a.patient()).needsNotice());
		model.addAttribute("instrument", instrument);
		model.addAttribute("answers", answers);
		model.addAttribute("problems", problems);
		model.addAttribute("respondents", List.of(Respondent.values()));
		model.addAttribute("numberTypes", List.of(ItemType.INTEGER, ItemType.DECIMAL));
		if (a.status().open()) return "assessment/assessment-form";
		// what other modules make of the result (the care-plan templates it suggests)
		model.addAttribute("panels", headers.panels("assessment-result", header, a));
		return "assessment/assessment-result";
	}

	@PostMapping("/assessments/{assessment}")
	String answer(@PathVariable UUID id, @PathVariable UUID assessment, @RequestParam(defaultValue = "save") String action,
			@RequestParam(required = false) @Nullable Respondent respondent, @RequestParam(defaultValue = "-1") int version,
			@RequestParam(required = false) @Nullable String returnTo, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		AssessmentView a = load(id, assessment);
		String back = ReturnTo.safe(returnTo).orElse(null);
		model.addAttribute("returnTo", back);
		Instrument instrument = instruments.version(a.instrumentKey(), a.instrumentSeq()).orElseThrow();
		Map<String, List<String>> given = new LinkedHashMap<>();
		for (Item q : instrument.questions()) {
			String[] values = request.getParameterValues("q." + q.linkId());
			if (values != null) given.put(q.linkId(), List.of(values));
		}
		Answers answers = Answers.of(given);
		try {
			if ("complete".equals(action)) {
				var result = assessments.complete(assessment, answers, respondent, version);
				redirect.addFlashAttribute("flash", result.urgent() ? "assessment.completedUrgent" : "assessment.completed");
			}
			else {
				assessments.save(assessment, answers, respondent, version);
				redirect.addFlashAttribute("flash", "assessment.saved");
				return ReturnTo.redirect(back, "/patients/" + id + "/assessments");
			}
		}
		catch (AnswersRejected ex) {
			model.addAttribute("flashError", "assessment.fixAnswers");
			return page(id, a, answers, ex.problems(), model);
		}
		catch (DomainException ex) {
			model.addAttribute("flashError", "error." + ex.code());
			model.addAttribute("flashArgs", ex.arguments());
			return page(id, a, answers, Map.of(), model);
		}
		// the result is shown first (scores, flags, what it suggests); it offers the way back
		if (back != null) redirect.addAttribute("returnTo", back);
		return "redirect:/patients/" + id + "/assessments/" + assessment;
	}

	@PostMapping("/assessments/{assessment}/cancel")
	String cancel(@PathVariable UUID id, @PathVariable UUID assessment, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		load(id, assessment);
		ChartActions.attempt(redirect, "assessment.cancelled", () -> assessments.cancel(assessment, reason));
		return "redirect:/patients/" + id + "/assessments";
	}

	@PostMapping("/flags/{flag}/address")
	String address(@PathVariable UUID id, @PathVariable UUID flag, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "assessment.flagAddressed", () -> assessments.addressFlag(flag, note));
		return "redirect:/patients/" + id + "/assessments";
	}

	@PostMapping("/needs/{need}/resolve")
	String resolve(@PathVariable UUID id, @PathVariable UUID need, @RequestParam(defaultValue = "") String resolution,
			RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "assessment.needResolved", () -> assessments.resolveNeed(need, resolution));
		return "redirect:/patients/" + id + "/assessments";
	}

	/** The assessments tab of the chart, after the cases. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "assessments";
		}

		@Override
		public int order() {
			return 40;
		}

		@Override
		public String path() {
			return "/assessments";
		}
	}

	/** "Start assessment" in the chart's header: the assessments tab, at its form to assign or start one. */
	@Component
	static final class StartAction implements ChartAction {

		@Override
		public String key() {
			return "start-assessment";
		}

		@Override
		public int order() {
			return 30;
		}

		@Override
		public String path() {
			return "/assessments";
		}

		@Override
		public String anchor() {
			return "#assign-form";
		}
	}
}
