package org.caremap.portal.web;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.caremap.identity.PortalPrincipal;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.team.PatientMessages;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The portal's messages with the case team: the threads the team shares with the patient, a new message, a thread
 * and a reply. {@link PatientMessages} decides who reaches them (the patient; a proxy the patient lets see everything)
 * and audits; a message about self-harm is answered at once with whom to call now (988; 911 in an emergency).
 */
@Controller
@RequestMapping("/portal/messages")
class PortalMessagesController {

	/** A new message (with a subject) or a reply (without), as typed. */
	record PortalMessageForm(@Size(max = 200) @Nullable String subject, @NotBlank @Size(max = 4000) @Nullable String text) {

		static PortalMessageForm empty() {
			return new PortalMessageForm(null, null);
		}
	}

	private final PatientMessages messages;

	PortalMessagesController(PatientMessages messages) {
		this.messages = messages;
	}

	private static PatientId patient() {
		return PortalPrincipal.get().map(PortalPrincipal::patient)
			.orElseThrow(() -> new AccessDeniedException("not a portal session"));
	}

	@GetMapping
	String threads(Model model) {
		PatientId patient = patient();
		threads(model, patient);
		if (!model.containsAttribute("portalMessageForm")) model.addAttribute("portalMessageForm", PortalMessageForm.empty());
		return "portal/messages";
	}

	@PostMapping
	String start(@Valid @ModelAttribute("portalMessageForm") PortalMessageForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		PatientId patient = patient();
		if (form.subject() == null || form.subject().isBlank()) {
			errors.rejectValue("subject", "error.team.subject-required", "give the message a subject");
		}
		if (!errors.hasErrors()) {
			try {
				PatientMessages.Posted posted = messages.start(patient, form.subject(), form.text() == null ? "" : form.text());
				redirect.addFlashAttribute("urgentWords", posted.urgentWords());
				redirect.addFlashAttribute("flash", "portal.messages.sent");
				return "redirect:/portal/messages/" + posted.thread();
			}
			catch (DomainException ex) {
				reject(errors, ex);
			}
		}
		threads(model, patient);
		return "portal/messages";
	}

	@GetMapping("/{thread}")
	String thread(@PathVariable UUID thread, Model model) {
		model.addAttribute("thread", messages.open(patient(), thread));
		if (!model.containsAttribute("portalMessageForm")) model.addAttribute("portalMessageForm", PortalMessageForm.empty());
		return "portal/messages-thread";
	}

	@PostMapping("/{thread}")
	String reply(@PathVariable UUID thread, @Valid @ModelAttribute("portalMessageForm") PortalMessageForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		PatientId patient = patient();
		if (!errors.hasErrors()) {
			try {
				PatientMessages.Posted posted = messages.post(patient, thread, form.text() == null ? "" : form.text());
				redirect.addFlashAttribute("urgentWords", posted.urgentWords());
				redirect.addFlashAttribute("flash", "portal.messages.sent");
				return "redirect:/portal/messages/" + thread;
			}
			catch (DomainException ex) {
				if (ex instanceof NotFoundException) throw ex;
				reject(errors, ex);
			}
		}
		model.addAttribute("thread", messages.open(patient, thread));
		return "portal/messages-thread";
	}

	/** The shared threads, and how many of the team's messages in them the reader has not read. */
	private void threads(Model model, PatientId patient) {
		var threads = messages.threads(patient);
		model.addAttribute("threads", threads);
		model.addAttribute("unreadTotal", threads.stream().mapToInt(t -> t.unread()).sum());
	}

	private static void reject(BindingResult errors, DomainException ex) {
		String field = switch (ex.code()) {
			case "team.subject-required", "team.subject-too-long" -> "subject";
			case "team.message-too-long", "team.text-required" -> "text";
			default -> null;
		};
		if (field != null) errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
		else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
	}
}
