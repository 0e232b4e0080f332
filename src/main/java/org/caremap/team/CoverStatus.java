package org.caremap.team;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a cover period or an on-call shift. A scheduled one is in force between its start and its end; it
 * ends when its end passes (or is ended early); one withdrawn before it started is cancelled.
 */
public enum CoverStatus {
	SCHEDULED, ENDED, CANCELLED;

	/** The statuses this one may move to. */
	public Set<CoverStatus> next() {
		return switch (this) {
			case SCHEDULED -> EnumSet.of(ENDED, CANCELLED);
			case ENDED, CANCELLED -> EnumSet.noneOf(CoverStatus.class);
		};
	}

	/** The statuses from which a move to {@code to} is allowed (the guard of the SQL update). */
	public static String[] from(CoverStatus to) {
		return EnumSet.allOf(CoverStatus.class).stream().filter(s -> s.next().contains(to)).map(Enum::name)
			.toArray(String[]::new);
	}
}
