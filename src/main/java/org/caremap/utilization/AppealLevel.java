package org.caremap.utilization;

import org.jspecify.annotations.Nullable;

/** The levels of appeal, in order: the payer's internal appeal, its second level, then external (independent) review. */
public enum AppealLevel {
	INTERNAL, SECOND_LEVEL, EXTERNAL;

	/** The next level after this one was upheld, if any. */
	public @Nullable AppealLevel next() {
		return switch (this) {
			case INTERNAL -> SECOND_LEVEL;
			case SECOND_LEVEL -> EXTERNAL;
			case EXTERNAL -> null;
		};
	}
}
