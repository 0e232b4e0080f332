package org.caremap.team;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.UserId;

/** A recipient read the messages of a thread sent to them (the bell stops counting them). */
public record ThreadRead(UserId reader, UUID thread, Instant at) {
}
