package org.caremap.team;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.UserId;

/** A cover period as pages show it, with the people named. */
public record CoverPeriodView(UUID id, UserId owner, String ownerName, UserId cover, String coverName, Instant startsAt,
		Instant endsAt, String reason, CoverStatus status) {

	public boolean inForce(Instant at) {
		return status == CoverStatus.SCHEDULED && !startsAt.isAfter(at) && endsAt.isAfter(at);
	}

	public boolean upcoming(Instant at) {
		return status == CoverStatus.SCHEDULED && startsAt.isAfter(at);
	}
}
