package org.caremap.transition.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.patient.PatientRegistry;
import org.caremap.transition.AdtBacklog;
import org.caremap.transition.Transitions;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ADT message log and the queue of messages waiting to be linked to a patient. */
@Controller
@RequestMapping("/transitions")
class TransitionsController {

	private final Transitions transitions;
	private final org.caremap.transition.internal.AdtBatch batch;
	private final PatientRegistry patients;
	private final AdtBacklog backlog;

	TransitionsController(Transitions transitions, org.caremap.transition.internal.AdtBatch batch,
			PatientRegistry patients, AdtBacklog backlog) {
		this.backlog = backlog;
		this.batch = batch;
		this.transitions = transitions;
		this.patients = patients;
	}

	@GetMapping("/messages")
	String messages(@RequestParam(required = false) @Nullable String status, Model model) {
		String s = status == null || status.isBlank() ? null : status;
		if (s != null && !STATUSES.contains(s)) {
			throw new DomainException("form.incomplete", "status");
		}
		model.addAttribute("messages", transitions.messages(s, 200));
		model.addAttribute("status", s);
		model.addAttribute("statuses", STATUSES);
		// how far behind the applying is: messages are acknowledged once stored, applied in order afterwards
		AdtBacklog.Backlog behind = backlog.backlog();
		model.addAttribute("waiting", behind.waiting());
		if (behind.oldest() != null) model.addAttribute("oldestAgo", ago(behind.oldest()));
		return "transition/messages";
	}

	/** The statuses the log can be filtered by, in the order of a message's life. */
	static final List<String> STATUSES = List.of("RECEIVED", "APPLIED", "STORED", "UNMATCHED", "ERROR", "REJECTED");

	/** "3 s", "4 min", "2 h", "3 d": how long ago, in the largest whole unit. */
	static String ago(Instant then) {
		long seconds = Math.max(0, java.time.Duration.between(then, Instant.now()).toSeconds());
		if (seconds < 120) return seconds + " s";
		if (seconds < 2 * 3600) return seconds / 60 + " min";
		if (seconds < 2 * 86400) return seconds / 3600 + " h";
		return seconds / 86400 + " d";
	}

	@PostMapping("/messages/import")
	String importFile(@RequestParam("file") org.springframework.web.multipart.MultipartFile file, RedirectAttributes redirect)
			throws java.io.IOException {
		if (file.isEmpty()) {
			redirect.addFlashAttribute("flashError", "error.adt.empty-file");
			return "redirect:/transitions/messages";
		}
		java.util.Map<String, Integer> counts = batch.load(file.getBytes());
		redirect.addFlashAttribute("flash", "adt.imported");
		redirect.addFlashAttribute("flashArgs", new Object[] { counts.get("AA"), counts.get("AE"), counts.get("AR") });
		return "redirect:/transitions/messages";
	}

	@PostMapping("/messages/{id}/reprocess")
	String reprocess(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			String status = transitions.reprocess(id);
			redirect.addFlashAttribute("flash", "adt.reprocessed." + status);
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/transitions/messages";
	}

	@GetMapping("/unmatched")
	String unmatched(Model model) {
		model.addAttribute("messages", transitions.unmatched(100));
		return "transition/unmatched";
	}

	@PostMapping("/unmatched/{id}/link")
	String link(@PathVariable UUID id, @RequestParam(defaultValue = "") String recordNumber, RedirectAttributes redirect) {
		try {
			PatientId patient = patients.byIdentifier(recordNumber.trim())
				.orElseThrow(() -> new DomainException("patient.merge-unknown", "no patient holds " + recordNumber, recordNumber));
			String status = transitions.link(id, patient);
			redirect.addFlashAttribute("flash", "adt.reprocessed." + status);
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/transitions/unmatched";
	}
}
