package org.caremap.caseload;

import org.caremap.shared.UserId;

/** A case manager's open cases, by count and by acuity weight. */
public record CaseManagerLoad(UserId caseManager, int cases, int weight, int low, int moderate, int high,
		int complex) {
}
