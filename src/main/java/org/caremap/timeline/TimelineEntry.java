package org.caremap.timeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One event on a patient's timeline: when, what kind (a message key suffix), a short text, who, and where to
 * read more.
 */
public record TimelineEntry(Instant at, String kind, String summary, @Nullable String by, @Nullable String link) {
}
