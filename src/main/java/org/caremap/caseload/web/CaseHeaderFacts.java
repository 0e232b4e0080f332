package org.caremap.caseload.web;

import java.util.ArrayList;
import java.util.List;

import org.caremap.access.Segmentation;
import org.caremap.caseload.Cases;
import org.caremap.chart.ChartHeaderFacts;
import org.caremap.chart.ChartPart;
import org.caremap.identity.UserAccounts;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;

/**
 * The open cases in the chart's header (program, case manager, on hold), the acuity, and Part 2 confidentiality: a
 * reader outside a Part 2 program sees neither its case nor the flag (that the patient is enrolled is itself a Part 2
 * record).
 */
@Component
class CaseHeaderFacts implements ChartHeaderFacts {

	private final Cases cases;
	private final Programs programs;
	private final UserAccounts accounts;
	private final Segmentation segmentation;

	CaseHeaderFacts(Cases cases, Programs programs, UserAccounts accounts, Segmentation segmentation) {
		this.cases = cases;
		this.programs = programs;
		this.accounts = accounts;
		this.segmentation = segmentation;
	}

	@Override
	public List<ChartPart> about(PatientId patient) {
		CaseFacts facts = CaseFacts.of(cases.ofPatient(patient), programs.all(), accounts, segmentation.part2(patient));
		List<ChartPart> parts = new ArrayList<>();
		parts.add(new ChartPart(10, "caseload/chart", "cases", facts));
		if (facts.acuity() != null) parts.add(new ChartPart(20, "caseload/chart", "acuity", facts));
		if (facts.part2()) parts.add(new ChartPart(40, "caseload/chart", "part2", facts));
		return parts;
	}
}
