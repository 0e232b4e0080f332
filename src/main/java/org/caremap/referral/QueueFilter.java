package org.caremap.referral;

import java.util.Set;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/** What the queue shows: statuses (default the open ones), urgency, program, source. */
public record QueueFilter(Set<ReferralStatus> statuses, @Nullable Urgency urgency, @Nullable ProgramId program,
		@Nullable ReferralSource source, int limit) {

	public QueueFilter {
		statuses = statuses == null || statuses.isEmpty() ? Set.of(ReferralStatus.RECEIVED, ReferralStatus.SCREENING)
				: Set.copyOf(statuses);
		if (limit <= 0 || limit > 500) limit = 200;
	}
}
