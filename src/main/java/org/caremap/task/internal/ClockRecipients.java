package org.caremap.task.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.task.ClockAudience;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who is told of a clock's warning or breach: the one place the recipients are chosen (cover and on-call routing plugs
 * in here). The case manager is the case's (or the patient's open case in the program); the supervisors are those of
 * the program and of the case manager's teams.
 */
@Component
class ClockRecipients {

	private final Cases cases;
	private final Programs programs;
	private final Organizations organizations;

	ClockRecipients(Cases cases, Programs programs, Organizations organizations) {
		this.cases = cases;
		this.programs = programs;
		this.organizations = organizations;
	}

	Set<UserId> whoIsTold(ClockAudience audience, PatientId patient, @Nullable CaseId caseId, ProgramId program) {
		Set<UserId> out = new LinkedHashSet<>();
		if (audience == ClockAudience.NOBODY) return out;
		UserId caseManager = (caseId == null ? cases.ofPatient(patient).stream()
			.filter(c -> c.program().equals(program) && c.status() != CaseStatus.CLOSED).findFirst()
				: cases.find(caseId)).map(CaseView::caseManager).orElse(null);
		if (caseManager != null && audience != ClockAudience.SUPERVISOR) out.add(caseManager);
		if (audience != ClockAudience.CASE_MANAGER) {
			programs.find(program).ifPresent(p -> out.addAll(p.supervisors()));
			if (caseManager != null) out.addAll(organizations.supervisorsOf(caseManager));
		}
		return out;
	}
}
