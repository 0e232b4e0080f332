package org.caremap.budget;

/** Where a booking comes from, and the budget line it is booked to. */
public enum BookingSource {
	/** a prior authorization line: committed when approved, spent as its units are used */
	AUTHORIZATION(BudgetLine.PURCHASED_SERVICES),
	/** a community referral to a service with a price: committed when sent, spent when the service is delivered */
	COMMUNITY(BudgetLine.PURCHASED_SERVICES),
	/** a ride to a booked appointment: committed when booked with transport arranged, spent when the patient came */
	TRANSPORT(BudgetLine.TRANSPORT),
	/** the minutes of a logged contact: spent when logged */
	STAFF_TIME(BudgetLine.STAFF_TIME);

	private final BudgetLine line;

	BookingSource(BudgetLine line) {
		this.line = line;
	}

	public BudgetLine line() {
		return line;
	}
}
