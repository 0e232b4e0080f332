package org.caremap.notification;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One notification as stored: its title never names a patient; {@code patient} is who it is about (if anyone), named
 * at display time only to a reader who may open their record.
 */
public record NotificationView(UUID id, String category, String title, @Nullable String body, @Nullable String link,
		Instant createdAt, @Nullable Instant readAt, @Nullable PatientId patient) {

	public boolean unread() {
		return readAt == null;
	}
}
