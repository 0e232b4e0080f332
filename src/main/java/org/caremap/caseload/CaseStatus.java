package org.caremap.caseload;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands, as FHIR EpisodeOfCare (active, onhold, finished). A case on hold pauses its clocks; a
 * closed case is final (a new referral opens a new case).
 */
public enum CaseStatus {
	ACTIVE, ON_HOLD, CLOSED;

	public Set<CaseStatus> next() {
		return switch (this) {
			case ACTIVE -> EnumSet.of(ON_HOLD, CLOSED);
			case ON_HOLD -> EnumSet.of(ACTIVE, CLOSED);
			case CLOSED -> EnumSet.noneOf(CaseStatus.class);
		};
	}
}
