package org.caremap.assessment;

import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A completed assessment raised an urgent safety flag (e.g. PHQ-9 item 9 above 0): the follow-up work its instrument
 * names, for the case's case manager at once, and who must hear of it.
 */
public record SafetyFlagRaised(PatientId patient, @Nullable UUID caseId, UUID assessment, String instrument, String flag,
		List<FollowUp> followUps) {

	/** Work the instrument's rules ask for: a title, a priority ({@code STAT}, {@code URGENT}, ...) and hours to do it. */
	public record FollowUp(String title, String priority, int dueHours) {
	}

	public SafetyFlagRaised {
		followUps = List.copyOf(followUps);
	}
}
