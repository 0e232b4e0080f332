package org.caremap.notification;

import java.util.List;
import java.util.UUID;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** Tells a user something in the application (and, when they have an e-mail address, by e-mail). */
public interface Notifications {

	/**
	 * Notifies the user. {@code link} is a path inside Caremap; titles must not carry patient details beyond what
	 * the recipient may see.
	 */
	void notify(UserId recipient, String category, String title, @Nullable String body, @Nullable String link);

	long unreadCount(UserId user);

	/** Unread urgent notifications (an urgent secure message): the bell marks them apart. */
	long unreadUrgentCount(UserId user);

	List<NotificationView> recent(UserId user, int limit);

	/** One of the user's notifications (empty when it is not theirs). */
	java.util.Optional<NotificationView> find(UserId user, UUID notification);

	/**
	 * Marks read one of the user's notifications and the others of its group (same kind, about the same patient, or
	 * with the same title when about nobody); returns how many changed.
	 */
	int markGroupRead(UserId user, UUID notification);

	/** Marks one of the user's notifications read; returns false when it is not theirs. */
	boolean markRead(UserId user, UUID notification);

	int markAllRead(UserId user);
}
