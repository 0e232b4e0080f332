package org.caremap.caseload;

import java.time.Instant;
import java.util.List;

/** One page of the cases a {@link CaseSearch} found, with how many it found in all. */
public record CasePage(List<Found> cases, long total) {

	public CasePage {
		cases = List.copyOf(cases);
	}

	/** A case and when anything on it (status, team, consent, case manager, acuity) last changed. */
	public record Found(CaseView view, Instant lastChanged) {
	}
}
