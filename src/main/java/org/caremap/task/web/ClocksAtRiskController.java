package org.caremap.task.web;

import java.util.Map;

import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.task.ClockAtRisk;
import org.caremap.task.Clocks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A supervisor's service-level clocks at risk: running or paused clocks of their programs, due within a day or past. */
@Controller
class ClocksAtRiskController {

	static final int PAGE_SIZE = 50;

	/** A clock at risk with the patient's name. */
	record Line(ClockAtRisk clock, String name) {
	}

	private final Clocks clocks;
	private final PatientRegistry patients;

	ClocksAtRiskController(Clocks clocks, PatientRegistry patients) {
		this.clocks = clocks;
		this.patients = patients;
	}

	@GetMapping("/clocks/at-risk")
	String atRisk(@RequestParam(defaultValue = "0") int page, Model model) {
		Clocks.Page list = clocks.atRisk(page, PAGE_SIZE);
		Map<PatientId, PatientHeader> names = list.rows().isEmpty() ? Map.of()
				: patients.headers(list.rows().stream().map(ClockAtRisk::patient).distinct().toList());
		model.addAttribute("list", list);
		model.addAttribute("lines", list.rows().stream()
			.map(r -> new Line(r, names.containsKey(r.patient()) ? names.get(r.patient()).displayName() : "")).toList());
		model.addAttribute("capped", list.total() > Clocks.COUNT_CAP);
		return "task/clocks-at-risk";
	}
}
