package org.caremap.patient.web;

import org.caremap.patient.PatientRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Finding a patient by name, birth date or record number; each person finds only the patients they may read. */
@Controller
@RequestMapping("/patients")
class PatientSearchController {

	private final PatientRegistry patients;

	PatientSearchController(PatientRegistry patients) {
		this.patients = patients;
	}

	@GetMapping
	String search(@RequestParam(required = false) @Nullable String q, Model model) {
		model.addAttribute("q", q == null ? "" : q);
		if (q != null && !q.isBlank()) model.addAttribute("results", patients.search(q, 50));
		return "patient/search";
	}
}
