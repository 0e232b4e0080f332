package org.caremap.caseload;

import java.util.List;

import org.caremap.shared.UserId;

/**
 * Supervision of caseloads (capability 14): for the supervisor signed in, each case manager of their team (those on the
 * teams they lead; for a supervisor who leads none, those holding open cases in a program they supervise) with load against a capacity target in
 * acuity weight, overdue work and time since last contact; capacity targets set with a note; and a suggested
 * rebalancing the supervisor applies with one reason (through {@link Cases#reassign}, all or nothing). Supervisors
 * only; everything is limited to the programs the supervisor supervises.
 */
public interface Supervision {

	/** The team's figures and the suggested moves (read-only; one query per figure for the whole team). */
	SupervisionView view();

	/** Sets a case manager's capacity target (weight points) with a note, kept with who and when, audited. */
	void setCapacity(UserId caseManager, int target, String note);

	/**
	 * Applies the moves the supervisor ticked with one reason, grouped per receiver: all of them or none. A move whose
	 * case has meanwhile moved, closed or left the supervisor's programs, or that would now push its receiver over
	 * target, refuses the whole lot ({@code DomainException} naming the patient or the person).
	 */
	int apply(List<SuggestedMove.Move> moves, String reason);
}
