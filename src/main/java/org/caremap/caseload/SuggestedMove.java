package org.caremap.caseload;

import java.time.LocalDate;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A case the rebalancing suggests moving: from a case manager over target to one with room, in the same program.
 * Why: the giver's weight and target before the move, the receiver's before and after, whether the receiver already
 * works in the program, and the case's last contact.
 */
public record SuggestedMove(CaseId caseId, PatientId patient, ProgramId program, Acuity acuity, UserId from, UserId to,
		int fromWeight, int fromTarget, int toWeight, int toTarget, boolean receiverInProgram,
		@Nullable LocalDate lastContact) {

	public int weight() {
		return acuity.weight();
	}

	public Move move() {
		return new Move(caseId, from, to);
	}

	/** A move as ticked: which case, from whom (to tell a stale suggestion) and to whom. */
	public record Move(CaseId caseId, UserId from, UserId to) {
	}
}
