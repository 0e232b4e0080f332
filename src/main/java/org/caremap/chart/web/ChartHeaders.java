package org.caremap.chart.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.access.BreakGlass;
import org.caremap.assessment.AssessmentFlag;
import org.caremap.assessment.Assessments;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Builds the chart's sticky header, shared by every tab. */
@Component
class ChartHeaders {

	/**
	 * The sticky header: who the patient is, their open cases and the flags that must never be missed (open
	 * urgent assessment flags among them; the others are on the assessments tab).
	 */
	record Header(PatientDetails patient, List<CaseView> openCases, Map<ProgramId, ProgramView> programs,
			Map<UserId, String> staff, @Nullable Acuity acuity, boolean interpreter, boolean part2,
			@Nullable Instant glassUntil, java.time.ZoneId zone, List<AssessmentFlag> flags,
			java.util.Set<org.caremap.access.AccessPurpose> allowed) {

		/** Whether the user may do this with the record (READ, CONTRIBUTE, REGISTER, WRITE): pages offer only that. */
		public boolean may(String purpose) {
			return allowed.contains(org.caremap.access.AccessPurpose.valueOf(purpose));
		}
	}

	private final PatientRegistry patients;
	private final Cases cases;
	private final Programs programs;
	private final UserAccounts accounts;
	private final BreakGlass breakGlass;
	private final Organizations organizations;
	private final Assessments assessments;
	private final org.caremap.access.PatientAccess access;

	ChartHeaders(PatientRegistry patients, Cases cases, Programs programs, UserAccounts accounts, BreakGlass breakGlass,
			Organizations organizations, Assessments assessments, org.caremap.access.PatientAccess access) {
		this.access = access;
		this.patients = patients;
		this.cases = cases;
		this.programs = programs;
		this.accounts = accounts;
		this.breakGlass = breakGlass;
		this.organizations = organizations;
		this.assessments = assessments;
	}

	java.time.ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneId.systemDefault());
	}

	Header prepare(UUID id, Model model, String tab) {
		Header header = header(id);
		model.addAttribute("h", header);
		model.addAttribute("tab", tab);
		model.addAttribute("patientId", id);
		return header;
	}

	Header header(UUID id) {
		PatientId patient = new PatientId(id);
		PatientDetails details = patients.details(patient).orElseThrow(() -> new NotFoundException("patient", id));
		List<CaseView> all = cases.ofPatient(patient);
		List<CaseView> open = all.stream().filter(c -> c.status() != CaseStatus.CLOSED).toList();
		Map<ProgramId, ProgramView> programIndex = programs.all().stream()
			.collect(Collectors.toMap(ProgramView::id, p -> p));
		// the names of the people on this patient's cases (the tasks tab adds the owners of tasks)
		java.util.Set<UserId> people = new java.util.HashSet<>();
		for (CaseView c : all) {
			people.add(c.caseManager());
			c.team().forEach(m -> people.add(m.user()));
		}
		Map<UserId, String> staff = new java.util.HashMap<>(accounts.displayNames(people));
		Acuity acuity = open.stream().map(CaseView::acuity).max(Comparator.naturalOrder()).orElse(null);
		boolean part2 = open.stream()
			.anyMatch(c -> Optional.ofNullable(programIndex.get(c.program()))
				.map(p -> p.confidentiality() == Confidentiality.PART2).orElse(false));
		List<AssessmentFlag> flags = assessments.flags(patient).stream()
			.filter(f -> f.open() && f.severity() == org.caremap.assessment.Scoring.Severity.URGENT).toList();
		Header header = new Header(details, open, programIndex, staff, acuity, details.interpreterNeeded(), part2,
				breakGlass.activeUntil(patient).orElse(null),
				organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneId.systemDefault()), flags,
				access.allowed(patient));
		return header;
	}
}
