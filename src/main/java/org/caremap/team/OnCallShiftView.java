package org.caremap.team;

import java.time.Instant;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** An on-call shift as the rota shows it. */
public record OnCallShiftView(UUID id, ProgramId program, String programName, UserId person, String personName,
		Instant startsAt, Instant endsAt, @Nullable String phone, CoverStatus status) {

	public boolean inForce(Instant at) {
		return status == CoverStatus.SCHEDULED && !startsAt.isAfter(at) && endsAt.isAfter(at);
	}
}
