package org.caremap.budget;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.program.ProgramId;

/**
 * Program budgets, their rates and what is booked against them. For administrators (every program) and supervisors
 * (the programs they supervise), refused to anyone else; every change is audited. The list behind a month names a patient only to a viewer who may read the
 * patient's record.
 */
public interface Budgets {

	/** The programs whose budgets the viewer may see and change: all for an administrator, a supervisor's own. */
	List<org.caremap.program.ProgramView> programs();

	Optional<BudgetView> find(ProgramId program, int year);

	/** Creates or changes a program's budget for a year (the entry's version guards a stale form). */
	BudgetView save(BudgetEntry entry);

	/** The year against the budget: spend and open commitments by month and by line. */
	BudgetOverview overview(ProgramId program, int year);

	/** The bookings of one month (1-12) of a program's year, newest first. */
	List<BookingRow> bookings(ProgramId program, int year, int month);

	/** The rates in force and to come, and those that ended. */
	List<RateView> rates();

	/** Adds a rate; what is booked at its code is priced again. */
	UUID addRate(NewRate rate);

	/** Takes a rate back (entered in error); what was priced at it is priced again. */
	void voidRate(UUID rate, String reason);
}
