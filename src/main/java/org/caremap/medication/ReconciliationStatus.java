package org.caremap.medication;

/**
 * Where a reconciliation stands: a draft is worked on; signing (every line decided) or cancelling (with a reason)
 * ends it. The moves are the rows of {@code medication_reconciliation_transition}, which guards every status update.
 */
public enum ReconciliationStatus {
	DRAFT, SIGNED, CANCELLED
}
