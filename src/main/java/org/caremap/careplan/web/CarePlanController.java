package org.caremap.careplan.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.caremap.careplan.CarePlanContent.Achievement;
import org.caremap.careplan.CarePlanContent.Barrier;
import org.caremap.careplan.CarePlanContent.Goal;
import org.caremap.careplan.CarePlanContent.Intervention;
import org.caremap.careplan.CarePlanContent.Problem;
import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientHeader;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The chart's care-plan tab: the living plan of a case, edited item by item, each save a version. */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/care-plan")
class CarePlanController {

	/** A changed value as people read it: status words instead of codes, item texts instead of ids. */
	static final class DiffValues {
		private static final Map<String, String> PREFIXES = Map.of("lifecycle", "careplan.lifecycle.", "achievement",
				"careplan.achievement.", "term", "careplan.term.", "owner", "careplan.owner.", "status", "careplan.istatus.");
		private final Map<String, String> names;
		private final org.springframework.context.MessageSource messages;

		DiffValues(Map<String, String> names, org.springframework.context.MessageSource messages) {
			this.names = names;
			this.messages = messages;
		}

		public String show(String field, @Nullable String value) {
			if (value == null) return "";
			String prefix = PREFIXES.get(field);
			if (prefix != null) {
				return messages.getMessage(prefix + value, null, value,
						org.springframework.context.i18n.LocaleContextHolder.getLocale());
			}
			return names.getOrDefault(value, value);
		}
	}

	private final ChartHeaders headers;
	private final CarePlans plans;
	private final org.caremap.careplan.SharedPlanning sharing;
	private final Cases cases;
	private final Programs programs;
	private final Organizations organizations;
	private final org.springframework.context.MessageSource messages;
	private final List<org.caremap.chart.InterventionNotes> interventionNotes;
	private final Segmentation segmentation;

	CarePlanController(ChartHeaders headers, CarePlans plans, Cases cases, Programs programs, Organizations organizations,
			org.springframework.context.MessageSource messages,
			org.springframework.beans.factory.ObjectProvider<org.caremap.chart.InterventionNotes> interventionNotes,
			org.caremap.careplan.SharedPlanning sharing, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.sharing = sharing;
		this.messages = messages;
		this.interventionNotes = interventionNotes.orderedStream().toList();
		this.headers = headers;
		this.plans = plans;
		this.cases = cases;
		this.programs = programs;
		this.organizations = organizations;
	}

	/** The patient's open cases (active and on hold), each of which may have a plan. */
	private List<CaseView> openCases(UUID patient) {
		return openCases(patient, segmentation.part2(new PatientId(patient))).shown();
	}

	/** The same, leaving out (and counting) the cases in Part 2 programs the reader is outside of. */
	private Part2Segment.Filtered<CaseView> openCases(UUID patient, Part2Segment segment) {
		return segment.filter(cases.ofPatient(new PatientId(patient)).stream().filter(c -> c.status() != CaseStatus.CLOSED)
			.toList(), c -> c.id().value());
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
	}

	@GetMapping
	String show(@PathVariable UUID id, @RequestParam(name = "case", required = false) @Nullable UUID caseId, Model model) {
		ChartHeader header = headers.prepare(id, model, "careplan");
		Part2Segment segment = segmentation.part2(new PatientId(id));
		Part2Segment.Filtered<CaseView> filtered = openCases(id, segment);
		List<CaseView> open = filtered.shown();
		model.addAttribute("openCases", open);
		model.addAttribute("withheld", filtered.withheld());
		model.addAttribute("programs", programs.all().stream().collect(Collectors.toMap(ProgramView::id, ProgramView::name)));
		CaseView chosen = open.stream().filter(c -> caseId == null || c.id().value().equals(caseId)).findFirst().orElse(null);
		if (chosen == null) {
			model.addAttribute("plan", null);
			return "careplan/care-plan";
		}
		model.addAttribute("planCase", chosen);
		model.addAttribute("part2", segment.labels(chosen.id().value()));
		model.addAttribute("part2Notice", segment.needsNotice() && segment.labels(chosen.id().value()));
		CarePlanView plan = plans.ofCase(chosen.id()).orElse(null);
		model.addAttribute("plan", plan);
		if (plan == null) return "careplan/care-plan";
		model.addAttribute("suggestions", plans.suggestions(plan.id()));
		model.addAttribute("proposals", sharing.proposals(plan.patient()).stream()
			.filter(p -> p.plan().equals(plan.id()) && p.status() == org.caremap.careplan.SharedPlanning.Status.PROPOSED).toList());
		model.addAttribute("interventionNotes", notes(header, plan));
		model.addAttribute("templates", plans.templates());
		model.addAttribute("achievements", List.of(Achievement.values()));
		model.addAttribute("lifecycles", List.of(CarePlanContent.Lifecycle.values()));
		model.addAttribute("terms", List.of(CarePlanContent.Term.values()));
		model.addAttribute("owners", List.of(CarePlanContent.Owner.values()));
		model.addAttribute("interventionStatuses", List.of(CarePlanContent.InterventionStatus.values()));
		model.addAttribute("relations", List.of(CarePlanView.Relation.values()));
		model.addAttribute("methods", List.of(CarePlanView.Method.values()));
		model.addAttribute("now", LocalDateTime.now(zone()).withSecond(0).withNano(0));
		model.addAttribute("today", LocalDate.now(zone()));
		// the registry's record of the patient, as the header read it
		PatientHeader patient = header.value(PatientDetails.class).orElseThrow().header();
		model.addAttribute("patient", patient);
		String language = patient.preferredLanguage();
		model.addAttribute("copyLanguage", List.of("en", "es").contains(language) ? language : "en");
		model.addAttribute("copyMissing", List.of("en", "es").contains(language) ? null
				: patient.languageName(java.util.Locale.ENGLISH));
		return "careplan/care-plan";
	}

	/** What other modules show beside each intervention (the authorization it depends on), by intervention. */
	private Map<UUID, List<org.caremap.chart.ChartPart>> notes(ChartHeader header, CarePlanView plan) {
		List<org.caremap.chart.InterventionNotes.Intervention> items = plan.content().interventions().stream()
			.map(i -> new org.caremap.chart.InterventionNotes.Intervention(i.id(), i.text(), i.owner().name(),
					i.status() != CarePlanContent.InterventionStatus.DONE && i.status() != CarePlanContent.InterventionStatus.STOPPED))
			.toList();
		Map<UUID, List<org.caremap.chart.ChartPart>> out = new java.util.HashMap<>();
		if (items.isEmpty()) return out;
		for (org.caremap.chart.InterventionNotes source : interventionNotes) {
			source.about(header, items).forEach((id, parts) -> out.computeIfAbsent(id, k -> new ArrayList<>()).addAll(parts));
		}
		return out;
	}

	@PostMapping("/start")
	String start(@PathVariable UUID id, @RequestParam(name = "case") UUID caseId, RedirectAttributes redirect) {
		CaseView c = openCases(id).stream().filter(x -> x.id().value().equals(caseId)).findFirst()
			.orElseThrow(() -> new NotFoundException("case", caseId));
		ChartActions.attempt(redirect, "careplan.started", () -> plans.open(c.id()));
		return "redirect:/patients/" + id + "/care-plan?case=" + caseId;
	}

	private String back(UUID id, CarePlanView plan) {
		return "redirect:/patients/" + id + "/care-plan?case=" + plan.caseId();
	}

	private CarePlanView plan(UUID patient, UUID plan) {
		CarePlanView v = plans.find(plan).orElseThrow(() -> new NotFoundException("care plan", plan));
		if (!v.patient().value().equals(patient)) throw new NotFoundException("care plan", plan);
		return v;
	}

	/** Saves a changed copy of the plan as a new version, or reports why not. */
	private String change(UUID id, UUID planId, int version, String reason, String okKey, RedirectAttributes redirect,
			Function<CarePlanContent, CarePlanContent> edit) {
		CarePlanView plan = plan(id, planId);
		// the plan module checks who may change it, then that the author saw the current version
		ChartActions.attempt(redirect, okKey, () -> plans.save(planId, version, edit.apply(plan.content()), reason));
		return back(id, plan);
	}

	/** Adopts a goal the patient proposed in the portal, in their words, with the target the team sets (a new version). */
	@PostMapping("/{plan}/proposals/{proposal}/adopt")
	String adopt(@PathVariable UUID id, @PathVariable UUID plan, @PathVariable UUID proposal,
			@RequestParam(defaultValue = "") String target,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate targetDate,
			RedirectAttributes redirect) {
		CarePlanView v = plan(id, plan);
		ChartActions.attempt(redirect, "careplan.proposalAdopted", () -> sharing.adopt(proposalOf(v, proposal), target, targetDate));
		return back(id, v);
	}

	/** Declines a goal the patient proposed, with the reason the patient reads in the portal. */
	@PostMapping("/{plan}/proposals/{proposal}/decline")
	String declineProposal(@PathVariable UUID id, @PathVariable UUID plan, @PathVariable UUID proposal,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		CarePlanView v = plan(id, plan);
		ChartActions.attempt(redirect, "careplan.proposalDeclined", () -> sharing.decline(proposalOf(v, proposal), reason));
		return back(id, v);
	}

	/** The proposal, when it is one of this plan's (else not found). */
	private UUID proposalOf(CarePlanView plan, UUID proposal) {
		return sharing.proposals(plan.patient()).stream().filter(p -> p.id().equals(proposal) && p.plan().equals(plan.id()))
			.findFirst().map(org.caremap.careplan.SharedPlanning.Proposal::id)
			.orElseThrow(() -> new NotFoundException("goal proposal", proposal));
	}

	@PostMapping("/{plan}/template")
	String applyTemplate(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam int version,
			@RequestParam(defaultValue = "") String template, RedirectAttributes redirect) {
		CarePlanView v = plan(id, plan);
		ChartActions.attempt(redirect, "careplan.templateApplied", () -> plans.applyTemplate(plan, version, template));
		return back(id, v);
	}

	@PostMapping("/{plan}/problems")
	String problem(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam int version,
			@RequestParam(required = false) @Nullable UUID item, @RequestParam(defaultValue = "") String text,
			@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "ACTIVE") CarePlanContent.ProblemStatus status,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		String c = code.trim().toUpperCase(java.util.Locale.ROOT);
		if (!c.isEmpty() && !c.matches("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$|^[0-9]{6,18}$")) {
			redirect.addFlashAttribute("flashError", "error.careplan.problem-code");
			return back(id, plan(id, plan));
		}
		String system = c.isEmpty() ? null : c.matches("^[0-9]+$") ? "http://snomed.info/sct" : "http://hl7.org/fhir/sid/icd-10-cm";
		return change(id, plan, version, reason, "careplan.saved", redirect, content -> {
			List<Problem> list = new ArrayList<>(content.problems());
			if (item == null) {
				list.add(new Problem(Ids.newId(), text, system, c.isEmpty() ? null : c, null, status, null, Map.of()));
			}
			else {
				list.replaceAll(p -> p.id().equals(item) ? new Problem(p.id(), text, system, c.isEmpty() ? null : c,
						c.equals(p.code()) ? p.codeDisplay() : null, status, p.template(), p.translations()) : p);
			}
			return new CarePlanContent(list, content.goals(), content.interventions(), content.barriers());
		});
	}

	@PostMapping("/{plan}/goals")
	String goal(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam int version,
			@RequestParam(required = false) @Nullable UUID item, @RequestParam(required = false) @Nullable UUID problem,
			@RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "") String target,
			@RequestParam(defaultValue = "SHORT") CarePlanContent.Term term,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate targetDate,
			@RequestParam(defaultValue = "ACTIVE") CarePlanContent.Lifecycle lifecycle,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return change(id, plan, version, reason, "careplan.saved", redirect, content -> {
			List<Goal> list = new ArrayList<>(content.goals());
			if (item == null) {
				list.add(new Goal(Ids.newId(), problem, text, target, term, targetDate, lifecycle, Achievement.IN_PROGRESS, null,
						Map.of(), Map.of()));
			}
			else {
				list.replaceAll(g -> g.id().equals(item) ? new Goal(g.id(), problem, text, target, term, targetDate, lifecycle,
						g.achievement(), g.template(), g.translations(), g.targetTranslations()) : g);
			}
			return new CarePlanContent(content.problems(), list, content.interventions(), content.barriers());
		});
	}

	@PostMapping("/{plan}/interventions")
	String intervention(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam int version,
			@RequestParam(required = false) @Nullable UUID item, @RequestParam(required = false) @Nullable UUID goal,
			@RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "CASE_MANAGER") CarePlanContent.Owner owner,
			@RequestParam(defaultValue = "") String ownerName, @RequestParam(defaultValue = "") String frequency,
			@RequestParam(defaultValue = "PLANNED") CarePlanContent.InterventionStatus status,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return change(id, plan, version, reason, "careplan.saved", redirect, content -> {
			List<Intervention> list = new ArrayList<>(content.interventions());
			if (item == null) {
				list.add(new Intervention(Ids.newId(), goal, text, owner, Texts.orNull(ownerName), Texts.orNull(frequency), status,
						null, Map.of(), Map.of()));
			}
			else {
				list.replaceAll(i -> i.id().equals(item) ? new Intervention(i.id(), goal, text, owner, Texts.orNull(ownerName),
						Texts.orNull(frequency), status, i.template(), i.translations(), i.frequencyTranslations()) : i);
			}
			return new CarePlanContent(content.problems(), content.goals(), list, content.barriers());
		});
	}

	@PostMapping("/{plan}/barriers")
	String barrier(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam int version,
			@RequestParam(required = false) @Nullable UUID item, @RequestParam(defaultValue = "") String text,
			@RequestParam(defaultValue = "") String response, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		return change(id, plan, version, reason, "careplan.saved", redirect, content -> {
			List<Barrier> list = new ArrayList<>(content.barriers());
			if (item == null) list.add(new Barrier(Ids.newId(), text, Texts.orNull(response), null, Map.of()));
			else list.replaceAll(b -> b.id().equals(item)
					? new Barrier(b.id(), text, Texts.orNull(response), b.template(), b.translations()) : b);
			return new CarePlanContent(content.problems(), content.goals(), content.interventions(), list);
		});
	}

	@PostMapping("/{plan}/items/{item}/remove")
	String remove(@PathVariable UUID id, @PathVariable UUID plan, @PathVariable UUID item, @RequestParam int version,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return change(id, plan, version, reason, "careplan.removed", redirect, c -> {
			// removing a problem or goal also unlinks what pointed at it
			List<Goal> goals = c.goals().stream().filter(g -> !g.id().equals(item))
				.map(g -> item.equals(g.problemId()) ? new Goal(g.id(), null, g.text(), g.target(), g.term(), g.targetDate(),
						g.lifecycle(), g.achievement(), g.template(), g.translations(), g.targetTranslations()) : g)
				.toList();
			List<Intervention> interventions = c.interventions().stream().filter(i -> !i.id().equals(item))
				.map(i -> item.equals(i.goalId()) ? new Intervention(i.id(), null, i.text(), i.owner(), i.ownerName(),
						i.frequency(), i.status(), i.template(), i.translations(), i.frequencyTranslations()) : i)
				.toList();
			return new CarePlanContent(c.problems().stream().filter(p -> !p.id().equals(item)).toList(), goals, interventions,
					c.barriers().stream().filter(b -> !b.id().equals(item)).toList());
		});
	}

	@PostMapping("/{plan}/goals/{goal}/progress")
	String progress(@PathVariable UUID id, @PathVariable UUID plan, @PathVariable UUID goal,
			@RequestParam(required = false) @Nullable Achievement achievement, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		CarePlanView v = plan(id, plan);
		ChartActions.attempt(redirect, "careplan.progressRecorded", () -> {
			if (achievement == null) throw new DomainException("form.incomplete", "choose the achievement");
			plans.recordProgress(plan, goal, achievement, note);
		});
		return back(id, v);
	}

	@PostMapping("/{plan}/agreement")
	String agreement(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam(defaultValue = "") String partyName,
			@RequestParam(required = false) CarePlanView.@Nullable Relation relation,
			@RequestParam(required = false) CarePlanView.@Nullable Method method,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime agreedAt,
			@RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
		CarePlanView v = plan(id, plan);
		ChartActions.attempt(redirect, "careplan.agreementRecorded", () -> {
			if (relation == null || method == null || agreedAt == null) {
				throw new DomainException("form.incomplete", "who, how and when");
			}
			Instant at = agreedAt.atZone(zone()).toInstant();
			plans.recordAgreement(plan, partyName, relation, method, at, note);
		});
		return back(id, v);
	}

	@PostMapping("/{plan}/review")
	String review(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam int version,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate reviewDue,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		CarePlanView v = plan(id, plan);
		ChartActions.attempt(redirect, "careplan.reviewSet", () -> {
			if (reviewDue == null) throw new DomainException("form.incomplete", "choose a date");
			plans.setReviewDue(plan, version, reviewDue, reason);
		});
		return back(id, v);
	}

	@GetMapping("/{plan}/history")
	String history(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam(defaultValue = "0") int from,
			@RequestParam(defaultValue = "0") int to, Model model) {
		headers.prepare(id, model, "careplan");
		CarePlanView v = plan(id, plan);
		int right = to <= 0 ? v.version() : to;
		int left = from <= 0 ? Math.max(1, right - 1) : from;
		model.addAttribute("plan", v);
		Map<String, String> names = new java.util.HashMap<>();
		v.content().problems().forEach(p -> names.put(p.id().toString(), p.text()));
		v.content().goals().forEach(g -> names.put(g.id().toString(), g.text()));
		model.addAttribute("values", new DiffValues(names, messages));
		model.addAttribute("from", left);
		model.addAttribute("to", right);
		try {
			model.addAttribute("diff", plans.diff(plan, left, right));
		}
		catch (DomainException ex) {
			model.addAttribute("flashError", "error." + ex.code());
			model.addAttribute("flashArgs", ex.arguments());
			model.addAttribute("diff", null);
		}
		return "careplan/care-plan-history";
	}

	@GetMapping("/{plan}/copy.pdf")
	ResponseEntity<byte[]> copy(@PathVariable UUID id, @PathVariable UUID plan, @RequestParam(defaultValue = "en") String lang) {
		plan(id, plan);
		byte[] pdf = plans.patientCopy(plan, lang);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("care-plan.pdf").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(pdf);
	}

	/** The care-plan tab of the chart, after the assessments. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "careplan";
		}

		@Override
		public int order() {
			return 50;
		}

		@Override
		public String path() {
			return "/care-plan";
		}
	}
}
