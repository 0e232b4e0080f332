package org.caremap.contact.web;

import org.caremap.access.Segmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.caremap.access.Part2Segment;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.Cases;
import org.caremap.chart.ChartAction;
import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.chart.ReturnTo;
import org.caremap.contact.ContactView;
import org.caremap.contact.Contacts;
import org.caremap.contact.Feedback;
import org.caremap.contact.FeedbackView;
import org.caremap.contact.NoteContent;
import org.caremap.contact.NoteFormat;
import org.caremap.contact.NoteView;
import org.caremap.contact.Notes;
import org.caremap.contact.Shown;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chart's notes tab: progress notes (drafted, signed, with addenda), the contacts logged, and the patient's
 * feedback and complaints with their follow-up.
 */
@ChartPage
@Controller
@RequestMapping("/patients")
class NotesController {

	private final ChartHeaders headers;
	private final Notes notes;
	private final Contacts contacts;
	private final Feedback feedback;
	private final Cases cases;
	private final UserAccounts accounts;
	private final Segmentation segmentation;

	NotesController(ChartHeaders headers, Notes notes, Contacts contacts, Feedback feedback, Cases cases,
			UserAccounts accounts, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.headers = headers;
		this.notes = notes;
		this.contacts = contacts;
		this.feedback = feedback;
		this.cases = cases;
		this.accounts = accounts;
	}

	@GetMapping("/{id}/notes")
	String notes(@PathVariable UUID id, @RequestParam(defaultValue = "SOAP") NoteFormat format,
			@RequestParam(required = false) @Nullable UUID edit, @RequestParam(required = false) @Nullable String returnTo,
			Model model) {
		headers.prepare(id, model, "notes");
		// opened from the chart's "New note": the note form goes back there once saved
		model.addAttribute("returnTo", ReturnTo.safe(returnTo).orElse(null));
		PatientId patient = new PatientId(id);
		Shown<NoteView> shownNotes = notes.shown(patient);
		List<NoteView> all = shownNotes.rows();
		NoteView editing = edit == null ? null : all.stream().filter(n -> n.id().equals(edit) && !n.signed()).findFirst()
			.orElse(null);
		NoteFormat shown = editing != null ? editing.content().format() : format;
		model.addAttribute("notes", all);
		Shown<ContactView> shownContacts = contacts.shown(patient);
		model.addAttribute("contacts", shownContacts.rows());
		model.addAttribute("format", shown);
		model.addAttribute("editing", editing);
		model.addAttribute("teachBacks", List.of(NoteContent.TeachBack.values()));
		model.addAttribute("formats", List.of(NoteFormat.values()));
		Shown<FeedbackView> shownFeedback = feedback.shown(patient);
		model.addAttribute("feedback", shownFeedback.rows());
		// 42 CFR Part 2: how many records of a substance-use program were withheld, and the notice for those shown
		// under the patient's consent
		model.addAttribute("notesWithheld", shownNotes.withheld());
		model.addAttribute("contactsWithheld", shownContacts.withheld());
		model.addAttribute("feedbackWithheld", shownFeedback.withheld());
		model.addAttribute("part2Notice", shownNotes.notice() || shownContacts.notice() || shownFeedback.notice());
		model.addAttribute("sentiments", List.of(FeedbackView.Sentiment.values()));
		model.addAttribute("categories", List.of(FeedbackView.Category.values()));
		model.addAttribute("followUpChoices", accounts.list().stream().filter(u -> u.enabled() && u.clinicalLike()).toList());
		return "contact/notes";
	}

	@PostMapping("/{id}/notes")
	String saveNote(@PathVariable UUID id, @RequestParam NoteFormat format,
			@RequestParam(name = "section", required = false) @Nullable List<String> sections,
			@RequestParam(required = false) @Nullable String educationTopic,
			@RequestParam(required = false) NoteContent.@Nullable TeachBack teachBack,
			@RequestParam(required = false) @Nullable String emotionalSupport,
			@RequestParam(required = false) @Nullable UUID note, @RequestParam(defaultValue = "draft") String action,
			@RequestParam(required = false) @Nullable String returnTo, RedirectAttributes redirect) {
		List<String> texts = new ArrayList<>(sections == null ? List.of() : sections);
		while (texts.size() < format.sections().size()) texts.add("");
		NoteContent content = new NoteContent(format, texts.subList(0, format.sections().size()), Texts.orNull(educationTopic),
				teachBack, Texts.orNull(emotionalSupport));
		ChartActions.attempt(redirect, "sign".equals(action) ? "note.signedDone" : "note.saved", () -> {
			UUID saved = note;
			if (saved == null) saved = notes.draft(new PatientId(id), openCaseOf(id), content);
			else notes.edit(saved, content);
			if ("sign".equals(action)) notes.sign(saved);
		});
		// a refused note stays on the notes page, where the draft can be fixed
		if (redirect.getFlashAttributes().containsKey("flashError")) return "redirect:/patients/" + id + "/notes";
		return ReturnTo.redirect(returnTo, "/patients/" + id + "/notes");
	}

	@PostMapping("/{id}/feedback")
	String addFeedback(@PathVariable UUID id, @RequestParam(required = false) FeedbackView.@Nullable Sentiment sentiment,
			@RequestParam(required = false) FeedbackView.@Nullable Category category,
			@RequestParam(defaultValue = "") String description, @RequestParam(required = false) @Nullable UUID owner,
			RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "feedback.recorded", () -> {
			if (sentiment == null || category == null) throw new DomainException("form.incomplete", "choose the kind");
			feedback.record(new PatientId(id), openCaseOf(id), sentiment, category, description,
					owner == null ? null : new UserId(owner));
		});
		return "redirect:/patients/" + id + "/notes";
	}

	@PostMapping("/{id}/feedback/{item}/resolve")
	String resolveFeedback(@PathVariable UUID id, @PathVariable UUID item, @RequestParam(defaultValue = "") String outcome,
			RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "feedback.resolvedDone", () -> {
			feedback.resolve(item, outcome);
		});
		return "redirect:/patients/" + id + "/notes";
	}

	@PostMapping("/{id}/notes/{note}/sign")
	String signNote(@PathVariable UUID id, @PathVariable UUID note, RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "note.signedDone", () -> {
			notes.sign(note);
		});
		return "redirect:/patients/" + id + "/notes";
	}

	@PostMapping("/{id}/notes/{note}/addendum")
	String addendum(@PathVariable UUID id, @PathVariable UUID note, @RequestParam(defaultValue = "") String text,
			RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "note.addendumAdded", () -> {
			notes.addendum(note, text);
		});
		return "redirect:/patients/" + id + "/notes";
	}

	/**
	 * The open case a note or feedback written here goes into: one whose records the writer sees (a substance-use
	 * program's case only for those inside it, so that a note is not withheld from its own writer).
	 */
	private @Nullable CaseId openCaseOf(UUID patient) {
		Part2Segment segment = segmentation.part2(new PatientId(patient));
		return cases.ofPatient(new PatientId(patient)).stream().filter(c -> c.status() != CaseStatus.CLOSED)
			.filter(c -> !segment.withholds(c.id().value()))
			.map(c -> c.id()).findFirst().orElse(null);
	}

	/** The notes tab of the chart, after the tasks. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "notes";
		}

		@Override
		public int order() {
			return 80;
		}

		@Override
		public String path() {
			return "/notes";
		}
	}

	/** "New note" in the chart's header: the notes tab, at its note form. */
	@Component
	static final class NewNoteAction implements ChartAction {

		@Override
		public String key() {
			return "new-note";
		}

		@Override
		public int order() {
			return 20;
		}

		@Override
		public String path() {
			return "/notes";
		}

		@Override
		public String anchor() {
			return "#note-form";
		}
	}
}
