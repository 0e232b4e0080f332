package org.caremap.caseload;

import java.time.Instant;
import java.util.List;

/**
 * One page of the cases a {@link CaseSearch} found, with how many it found in all, and how many cases of 42 CFR
 * Part 2 programs the search left out because the reader is outside them.
 */
public record CasePage(List<Found> cases, long total, int withheld) {

	public CasePage {
		cases = List.copyOf(cases);
	}

	public CasePage(List<Found> cases, long total) {
		this(cases, total, 0);
	}

	/** A case and when anything on it (status, team, consent, case manager, acuity) last changed. */
	public record Found(CaseView view, Instant lastChanged) {
	}
}
