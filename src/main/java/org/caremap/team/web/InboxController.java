package org.caremap.team.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.PatientAccess;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.team.Messages;
import org.caremap.team.ThreadSummary;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Team: the threads where the signed-in person was sent or wrote a message, across patients, unread ones first in
 * count, each naming the patient to a reader who may open the record now; and the address an e-mail about a message
 * links to (no patient in it), which sends the reader to the thread once signed in.
 */
@Controller
@PreAuthorize("hasAnyRole('CASE_MANAGER', 'CARE_TEAM', 'SUPERVISOR')")
class InboxController {

	/** A thread in the list, with the patient's name when the reader may read their record. */
	record Row(ThreadSummary thread, String patientName, boolean readable) {
	}

	private final Messages messages;
	private final PatientAccess access;
	private final PatientRegistry registry;

	InboxController(Messages messages, PatientAccess access, PatientRegistry registry) {
		this.messages = messages;
		this.access = access;
		this.registry = registry;
	}

	@GetMapping("/team/messages")
	String inbox(Model model) {
		List<ThreadSummary> threads = messages.mine();
		Set<PatientId> readable = access.readable(threads.stream().map(ThreadSummary::patient).distinct().toList());
		Map<PatientId, PatientHeader> headers = readable.isEmpty() ? Map.of() : registry.headers(readable);
		List<Row> rows = threads.stream().map(t -> {
			PatientHeader h = headers.get(t.patient());
			return new Row(t, h == null ? "" : h.displayName(), h != null);
		}).toList();
		model.addAttribute("rows", rows);
		model.addAttribute("unread", threads.stream().mapToInt(ThreadSummary::unread).sum());
		return "team/messages-inbox";
	}

	@GetMapping("/team/messages/{thread}")
	String open(@PathVariable UUID thread) {
		PatientId patient = messages.patientOf(thread).orElseThrow(() -> new NotFoundException("thread", thread));
		return "redirect:/patients/" + patient.value() + "/messages/" + thread;
	}
}
