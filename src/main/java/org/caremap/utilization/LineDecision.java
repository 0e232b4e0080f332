package org.caremap.utilization;

/** The payer's answer to one line: not yet, approved in full, approved in part (fewer units or a shorter period), denied. */
public enum LineDecision {
	PENDING, APPROVED, PARTIAL, DENIED
}
