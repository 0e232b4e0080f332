package org.caremap.audit.web;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.audit.AuditVerifier;
import org.caremap.audit.internal.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The administrator's view of the audit trail: newest entries and verification of the chain. */
@Controller
@RequestMapping("/admin/audit")
class AuditAdminController {

	private final AuditLog log;
	private final AuditVerifier verifier;
	private final AuditTrail trail;

	AuditAdminController(AuditLog log, AuditVerifier verifier, AuditTrail trail) {
		this.log = log;
		this.verifier = verifier;
		this.trail = trail;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("rows", log.newest(100));
		return "audit/admin";
	}

	@PostMapping("/verify")
	String verify(Model model) {
		verifier.sealNow();
		model.addAttribute("verification", verifier.verify());
		trail.record(AuditEntry.write("VERIFY", "AuditTrail", null, null));
		model.addAttribute("rows", log.newest(100));
		return "audit/admin";
	}
}
