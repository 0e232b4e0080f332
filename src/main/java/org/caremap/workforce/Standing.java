package org.caremap.workforce;

import java.time.LocalDate;

/**
 * Where a credential, a training or a person stands on a day, from the best to the worst: valid, expiring or due
 * within {@value #WARNING_DAYS} days, a training overdue, expired. A person stands where their worst item does.
 */
public enum Standing {
	VALID, EXPIRING, TRAINING_OVERDUE, EXPIRED;

	/** How many days ahead an expiry counts as coming. */
	public static final int WARNING_DAYS = 60;

	/** A credential expiring on {@code expiresOn}, seen on {@code today}: it is valid through its expiry day. */
	public static Standing ofExpiry(LocalDate expiresOn, LocalDate today) {
		if (expiresOn.isBefore(today)) return EXPIRED;
		return expiresOn.isAfter(today.plusDays(WARNING_DAYS)) ? VALID : EXPIRING;
	}

	/** A training due on {@code dueOn} (null: never completed), seen on {@code today}. */
	public static Standing ofTraining(@org.jspecify.annotations.Nullable LocalDate dueOn, LocalDate today) {
		if (dueOn == null || dueOn.isBefore(today)) return TRAINING_OVERDUE;
		return dueOn.isAfter(today.plusDays(WARNING_DAYS)) ? VALID : EXPIRING;
	}

	public Standing worse(Standing other) {
		return other.ordinal() > ordinal() ? other : this;
	}
}
