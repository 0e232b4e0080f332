package org.caremap.team.web;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.team.Messages;
import org.caremap.team.ThreadView;
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
 * The chart's secure messages: the patient's threads (the reader's unread count and urgent ones marked), a new thread,
 * one thread with its messages, who read each and when, attachments, and a reply. Only the case team, supervisors and
 * a reader who broke the glass get here ({@link Messages} decides and audits; the page asks it before anything else).
 */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/messages")
class MessagesController {

	/** A new thread or a reply as typed (a reply has no title). */
	record MessageForm(@Nullable UUID caseId, @Size(max = 200) @Nullable String title,
			@NotBlank @Size(max = 4000) @Nullable String text, @Nullable Boolean urgent, @Nullable Boolean withPatient) {

		static MessageForm empty() {
			return new MessageForm(null, null, null, false, false);
		}
	}

	private final ChartHeaders headers;
	private final Messages messages;
	private final Cases cases;
	private final org.caremap.program.Programs programs;

	private final Segmentation segmentation;

	MessagesController(ChartHeaders headers, Messages messages, Cases cases, org.caremap.program.Programs programs,
			Segmentation segmentation) {
		this.segmentation = segmentation;
		this.headers = headers;
		this.messages = messages;
		this.cases = cases;
		this.programs = programs;
	}

	@GetMapping
	String threads(@PathVariable UUID id, Model model) {
		PatientId patient = new PatientId(id);
		messages.requireThreads(patient, false);
		if (!model.containsAttribute("messageForm")) model.addAttribute("messageForm", MessageForm.empty());
		return list(id, model);
	}

	private String list(UUID id, Model model) {
		PatientId patient = new PatientId(id);
		headers.prepare(id, model, "messages");
		model.addAttribute("threads", messages.ofPatient(patient));
		model.addAttribute("withheld", messages.withheldThreads(patient));
		List<CaseView> open = openCases(patient);
		model.addAttribute("openCases", open);
		java.util.Map<org.caremap.program.ProgramId, String> programNames = new java.util.HashMap<>();
		programs.all().forEach(p -> programNames.put(p.id(), p.name()));
		model.addAttribute("programNames", programNames);
		return "team/messages";
	}

	/** The patient's open cases, less those in Part 2 programs the reader is outside of (not offered for a thread). */
	private List<CaseView> openCases(PatientId patient) {
		Part2Segment segment = segmentation.part2(patient);
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED)
			.filter(c -> !segment.withholds(c.id().value())).toList();
	}

	@PostMapping
	String start(@PathVariable UUID id, @Valid @ModelAttribute("messageForm") MessageForm form, BindingResult errors,
			@RequestParam(required = false) @Nullable MultipartFile attachment, Model model, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		messages.requireThreads(patient, true);
		if (form.title() == null || form.title().isBlank()) errors.rejectValue("title", "error.team.subject-required", "give the thread a subject");
		CaseId caseId = form.caseId() != null ? new CaseId(form.caseId())
				: openCases(patient).stream().findFirst().map(CaseView::id).orElse(null);
		if (caseId == null) errors.reject("error.team.case-closed", "the patient has no open case");
		if (!errors.hasErrors() && caseId != null) {
			try {
				UUID thread = messages.start(patient, caseId, form.title(), message(form, attachment),
						Boolean.TRUE.equals(form.withPatient()));
				redirect.addFlashAttribute("flash", "team.message.sent");
				return "redirect:/patients/" + id + "/messages/" + thread;
			}
			catch (DomainException ex) {
				reject(errors, ex);
			}
		}
		return list(id, model);
	}

	@GetMapping("/{thread}")
	String thread(@PathVariable UUID id, @PathVariable UUID thread, Model model) {
		PatientId patient = new PatientId(id);
		messages.requireThreads(patient, false);
		ThreadView view = messages.open(patient, thread);
		if (!model.containsAttribute("messageForm")) model.addAttribute("messageForm", MessageForm.empty());
		return show(id, view, model);
	}

	private String show(UUID id, ThreadView view, Model model) {
		headers.prepare(id, model, "messages");
		model.addAttribute("thread", view);
		return "team/messages-thread";
	}

	@PostMapping("/{thread}")
	String reply(@PathVariable UUID id, @PathVariable UUID thread, @Valid @ModelAttribute("messageForm") MessageForm form,
			BindingResult errors, @RequestParam(required = false) @Nullable MultipartFile attachment, Model model,
			RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		messages.requireThreads(patient, true);
		if (!errors.hasErrors()) {
			try {
				messages.post(patient, thread, message(form, attachment));
				redirect.addFlashAttribute("flash", "team.message.sent");
				return "redirect:/patients/" + id + "/messages/" + thread;
			}
			catch (DomainException ex) {
				if (ex instanceof NotFoundException) throw ex;
				reject(errors, ex);
			}
		}
		return show(id, messages.open(patient, thread), model);
	}

	@GetMapping("/{thread}/attachments/{attachment}")
	ResponseEntity<byte[]> attachment(@PathVariable UUID id, @PathVariable UUID thread, @PathVariable UUID attachment) {
		PatientId patient = new PatientId(id);
		messages.requireThreads(patient, false);
		Messages.AttachmentContent a = messages.attachment(patient, thread, attachment)
			.orElseThrow(() -> new NotFoundException("attachment", attachment));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(a.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(a.filename()).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(a.content());
	}

	private static Messages.NewMessage message(MessageForm form, @Nullable MultipartFile file) {
		Messages.Upload upload = null;
		if (file != null && !file.isEmpty()) {
			if (file.getSize() > 5L * 1024 * 1024) throw new DomainException("team.attachment-too-big", "at most 5 MB", 5);
			try {
				upload = new Messages.Upload(file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename(),
						file.getContentType() == null ? "" : file.getContentType(), file.getBytes());
			}
			catch (IOException ex) {
				throw new DomainException("team.attachment-unreadable", "the file could not be read");
			}
		}
		String text = form.text() == null ? "" : form.text();
		if (text.isBlank()) throw new DomainException("team.text-required", "write the message");
		return new Messages.NewMessage(text, Boolean.TRUE.equals(form.urgent()), upload);
	}

	private static void reject(BindingResult errors, DomainException ex) {
		String field = switch (ex.code()) {
			case "team.subject-required", "team.subject-too-long" -> "title";
			case "team.message-too-long", "team.text-required" -> "text";
			case "team.attachment-empty", "team.attachment-too-big", "team.attachment-type", "team.attachment-unreadable" -> "attachment";
			default -> null;
		};
		if (field != null && !field.equals("attachment")) errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
		else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
	}

	/** The chart's messages tab, after the care team. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "messages";
		}

		@Override
		public int order() {
			return 34;
		}

		@Override
		public String path() {
			return "/messages";
		}

		@Override
		public boolean shownFor(PatientId patient, java.util.Set<org.caremap.access.AccessPurpose> allowed) {
			return allowed.contains(org.caremap.access.AccessPurpose.READ);
		}
	}
}
