package org.caremap.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One completed assessment's headline score, for the score history over time; {@code part2}: of an assessment made
 * in a 42 CFR Part 2 program.
 */
public record ScorePoint(UUID assessmentId, String instrumentKey, String instrumentTitle, Instant completedAt,
		BigDecimal value, @Nullable String bandLabel, boolean positive, boolean part2) {
}
