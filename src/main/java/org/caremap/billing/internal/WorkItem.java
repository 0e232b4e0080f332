package org.caremap.billing.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One piece of timed work recorded from the work log: a contact or a completed task, with its minutes and whose time
 * they were. {@code source} is the contact's or task's id (unique per kind of source).
 */
public record WorkItem(UUID id, String sourceKind, UUID source, String workKind, Instant at, int minutes, StaffTime staff) {
	public WorkItem {
		if (minutes < 0 || minutes > 24 * 60) throw new IllegalArgumentException("minutes out of range: " + minutes);
	}
}
