package org.caremap.team.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.shared.PatientId;
import org.caremap.team.DiscussionFlags;
import org.springframework.stereotype.Component;

/** High acuity, from the caseload's API: a case rated high or complex is flagged for discussion. */
@Component
class DiscussionFlagsOfAcuity implements DiscussionFlags {

	private final Cases cases;

	DiscussionFlagsOfAcuity(Cases cases) {
		this.cases = cases;
	}

	@Override
	public Map<CaseId, List<Flag>> flags(Map<CaseId, PatientId> of) {
		Map<CaseId, List<Flag>> out = new HashMap<>();
		cases.acuities(of.keySet()).forEach((id, acuity) -> {
			if (acuity == Acuity.HIGH || acuity == Acuity.COMPLEX) {
				out.put(id, List.of(new Flag("high-acuity", acuity == Acuity.COMPLEX ? "Complex acuity" : "High acuity")));
			}
		});
		return out;
	}
}
