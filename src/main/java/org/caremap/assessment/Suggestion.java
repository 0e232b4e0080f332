package org.caremap.assessment;

import java.time.Instant;
import java.util.UUID;

/**
 * A care-plan trigger raised by the latest completed assessment of an instrument (e.g. "food-insecurity" from the
 * HRSN screen), with where it came from.
 */
public record Suggestion(String code, UUID assessmentId, String instrumentTitle, Instant completedAt) {
}
