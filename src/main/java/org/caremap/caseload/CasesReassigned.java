package org.caremap.caseload;

import java.time.Instant;
import java.util.List;

import org.caremap.shared.UserId;

/**
 * A supervisor moved cases to another case manager in one go (each case also published {@link CaseAssigned}): who
 * received how many, from whom, why, and when, so that each person hears of it once.
 */
public record CasesReassigned(UserId to, List<From> from, String reason, Instant at) {

	/** How many cases left one case manager. */
	public record From(UserId caseManager, int cases) {
	}

	public CasesReassigned {
		from = List.copyOf(from);
	}

	public int total() {
		return from.stream().mapToInt(From::cases).sum();
	}
}
