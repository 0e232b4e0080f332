package org.caremap.assessment;

/** Where an assessment stands. Open ones (assigned, in progress) can still be answered. */
public enum AssessmentStatus {
	ASSIGNED, IN_PROGRESS, COMPLETED, EXPIRED, CANCELLED;

	public boolean open() {
		return this == ASSIGNED || this == IN_PROGRESS;
	}
}
