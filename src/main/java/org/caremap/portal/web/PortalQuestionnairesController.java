package org.caremap.portal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.caremap.assessment.ScoreResult;
import org.caremap.identity.PortalPrincipal;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Questionnaires at home: the ones the case manager assigned for the patient to answer in the portal, each answered
 * with the same questions, checks and scoring as the staff pages ({@link Assessments} decides who may: the patient,
 * on their own questionnaire assigned to answer at home). When an answer needs the team at once (PHQ-9 question 9),
 * the page says whom to call now, and the case manager's STAT task comes from the assessment's own rules.
 */
@Controller
@RequestMapping("/portal/questionnaires")
class PortalQuestionnairesController {

	private final Assessments assessments;
	private final Instruments instruments;
	private final InstrumentTexts texts;

	PortalQuestionnairesController(Assessments assessments, Instruments instruments, InstrumentTexts texts) {
		this.assessments = assessments;
		this.instruments = instruments;
		this.texts = texts;
	}

	private static PatientId patient() {
		return PortalPrincipal.get().map(PortalPrincipal::patient)
			.orElseThrow(() -> new AccessDeniedException("not a portal session"));
	}

	@GetMapping
	String list(Model model) {
		List<AssessmentView> open = assessments.toAnswerAtHome(patient());
		model.addAttribute("questionnaires", open);
		Map<UUID, String> titles = new LinkedHashMap<>();
		for (AssessmentView a : open) {
			titles.put(a.id(), texts.in(instruments.version(a.instrumentKey(), a.instrumentSeq()).orElseThrow(), LocaleContextHolder.getLocale()).title());
		}
		model.addAttribute("titles", titles);
		return "portal/questionnaires";
	}

	/** One of the patient's open questionnaires to answer at home (anything else: not found). */
	private AssessmentView load(UUID id) {
		PatientId patient = patient();
		return assessments.toAnswerAtHome(patient).stream().filter(a -> a.id().equals(id)).findFirst()
			.orElseThrow(() -> new NotFoundException("questionnaire", id));
	}

	@GetMapping("/{id}")
	String show(@PathVariable UUID id, Model model) {
		AssessmentView a = load(id);
		return page(a, a.answers(), Map.of(), model);
	}

	private String page(AssessmentView a, Answers answers, Map<String, String> problems, Model model) {
		// the questions in the patient's language where a translation ships (the answers' codes and scoring are the same)
		Instrument instrument = texts.in(instruments.version(a.instrumentKey(), a.instrumentSeq()).orElseThrow(),
				LocaleContextHolder.getLocale());
		model.addAttribute("a", a);
		model.addAttribute("instrument", instrument);
		model.addAttribute("answers", answers);
		model.addAttribute("problems", problems);
		model.addAttribute("numberTypes", List.of(ItemType.INTEGER, ItemType.DECIMAL));
		return "portal/questionnaire";
	}

	@PostMapping("/{id}")
	String answer(@PathVariable UUID id, @RequestParam(defaultValue = "save") String action,
			@RequestParam(defaultValue = "-1") int version, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		AssessmentView a = load(id);
		Instrument instrument = instruments.version(a.instrumentKey(), a.instrumentSeq()).orElseThrow();
		Map<String, List<String>> given = new LinkedHashMap<>();
		for (Item q : instrument.questions()) {
			String[] values = request.getParameterValues("q." + q.linkId());
			if (values != null) given.put(q.linkId(), List.of(values));
		}
		Answers answers = Answers.of(given);
		try {
			if ("complete".equals(action)) {
				ScoreResult result = assessments.complete(id, answers, null, version);
				redirect.addFlashAttribute("flash", "portal.questionnaires.thanks");
				redirect.addFlashAttribute("urgentWords", result.urgent());
				return "redirect:/portal/questionnaires";
			}
			assessments.save(id, answers, null, version);
			redirect.addFlashAttribute("flash", "portal.questionnaires.saved");
			return "redirect:/portal/questionnaires";
		}
		catch (AnswersRejected ex) {
			model.addAttribute("flashError", "assessment.fixAnswers");
			return page(a, answers, ex.problems(), model);
		}
		catch (DomainException ex) {
			model.addAttribute("flashError", "error." + ex.code());
			model.addAttribute("flashArgs", ex.arguments());
			return page(a, answers, Map.of(), model);
		}
	}
}
