package org.caremap.billing;

/** The complexity of medical decision making the billing practitioner recorded for the month. */
public enum DecisionMaking {
	STRAIGHTFORWARD, LOW, MODERATE, HIGH;

	public boolean atLeast(DecisionMaking other) {
		return compareTo(other) >= 0;
	}
}
