package org.caremap.budget;

/** The lines of a program's budget. */
public enum BudgetLine {
	/** care-management staff time: the minutes of logged contacts at the staff rate */
	STAFF_TIME,
	/** services bought for patients: authorized units, community services with a fee */
	PURCHASED_SERVICES,
	/** rides to appointments */
	TRANSPORT,
	/** flexible funds (kept in the budget; nothing is booked to it automatically) */
	FLEXIBLE_FUNDS
}
