package org.caremap.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * The on-call rota of each program: who is on call from when to when (entered in the organisation's time zone), and
 * the number they are reached on. Administrators and the program's supervisors keep it.
 */
public interface OnCallRota {

	UUID add(ProgramId program, UserId person, Instant from, Instant to, @Nullable String phone);

	/** Takes a shift off the rota (ends it now when it has started). */
	void remove(UUID shift);

	/** The rota's current and coming shifts, and those of the last week, of the programs the current user keeps. */
	List<OnCallShiftView> rota(int limit);
}
