package org.caremap.billing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A worksheet with its lines: per patient (by name when the reader may read the patient, else hidden), the minutes
 * of clinical staff and physician time inside the month and those counted, the codes with units, the supporting
 * work items, the decision making recorded for the month, and the reasons for what is not billed.
 */
public record WorksheetView(WorksheetSummary summary, List<Line> lines) {

	public WorksheetView {
		lines = List.copyOf(lines);
	}

	/** One patient's case on the worksheet. */
	public record Line(UUID id, PatientId patient, @Nullable String patientName, CaseId caseId, int clinicalMinutes,
			int physicianMinutes, int countedClinical, int countedPhysician, boolean billable, List<Code> codes,
			List<Work> work, List<Reason> reasons, @Nullable DecisionMaking decisionMaking) {

		public Line {
			codes = List.copyOf(codes);
			work = List.copyOf(work);
			reasons = List.copyOf(reasons);
		}
	}

	/** A code with its units (service: CCM, CCM_COMPLEX, PCM, TCM, BHI). */
	public record Code(String service, String code, int units) {
	}

	/** A work item supporting the line: when, how long, whose time, what kind (CONTACT_* or a task's work kind). */
	public record Work(Instant at, int minutes, String staff, String kind) {
	}

	/** A reason in plain words: a message key ({@code billing.reason.*}) and its arguments. */
	public record Reason(String key, List<String> args) {
		public Reason {
			args = List.copyOf(args);
		}

		public Object[] arguments() {
			return args.toArray();
		}
	}
}
