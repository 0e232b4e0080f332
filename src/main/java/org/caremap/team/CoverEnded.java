package org.caremap.team;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.UserId;

/**
 * A cover period or an on-call shift ended (its time passed, or it was ended early): the work given to the person
 * under it and still open goes back to whom it was meant for (the task module listens).
 */
public record CoverEnded(UUID ref, Cover.Kind kind, UserId person, Instant at) {
}
