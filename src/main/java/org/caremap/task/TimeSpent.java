package org.caremap.task;

/**
 * The time a piece of timed work took, entered once when the task is completed: the minutes, whose time they were
 * (for care-management billing: clinical staff, or the physician/QHP personally) and the kind of work.
 */
public record TimeSpent(int minutes, Whose whose, WorkKind kind) {

	/** The most minutes one completion may record (ten hours). */
	public static final int MAX_MINUTES = 600;

	public TimeSpent {
		if (minutes < 1 || minutes > MAX_MINUTES) throw new IllegalArgumentException("minutes spent must be 1 to 600: " + minutes);
		if (whose == null || kind == null) throw new IllegalArgumentException("whose time and the kind of work are required");
	}

	/** Whose time it was. */
	public enum Whose {
		CLINICAL_STAFF, PHYSICIAN
	}

	/** The kinds of timed work care-management billing counts. */
	public enum WorkKind {
		NOTE_WRITING, CARE_PLAN_REVISION, MEDICATION_RECONCILIATION, COORDINATION_PROVIDERS, COORDINATION_COMMUNITY,
		AUTHORIZATION
	}
}
