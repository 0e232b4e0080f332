package org.caremap.notification;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One notification as shown in the list. */
public record NotificationView(UUID id, String category, String title, @Nullable String body, @Nullable String link,
		Instant createdAt, @Nullable Instant readAt) {

	public boolean unread() {
		return readAt == null;
	}
}
