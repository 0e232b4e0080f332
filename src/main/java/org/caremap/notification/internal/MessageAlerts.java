package org.caremap.notification.internal;

import java.util.List;

import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.team.MessagePosted;
import org.caremap.team.ThreadRead;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Secure messages, from the team module's events: every recipient is told in the bell (an urgent message under its own
 * kind, which the list marks in red), the link naming the thread, not the patient; a member from outside the
 * organisation who signs in to Caremap is also told by e-mail, with no patient details, only a link to sign in. Once a
 * recipient read the thread, its notifications are read too, so the bell counts only what is still unread. Keyed by
 * message, so an event delivered twice tells nobody twice.
 */
@Component
class MessageAlerts {

	static final String CATEGORY = "message";
	static final String URGENT = "message-urgent";
	private static final String ACTOR = "message-alerts";

	private final JdbcNotifications notifications;
	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final UserAccounts accounts;
	private final String publicUrl;

	MessageAlerts(JdbcNotifications notifications, JdbcClient jdbc, MessageSource messages, UserAccounts accounts,
			@Value("${caremap.public-url:${caremap.community.public-url:http://localhost:8080}}") String publicUrl) {
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.messages = messages;
		this.accounts = accounts;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	static String link(java.util.UUID thread) {
		return "/team/messages/" + thread;
	}

	private String title(MessagePosted event, UserId reader) {
		return Alerts.text(messages, accounts.language(reader).orElse(java.util.Locale.ENGLISH),
				event.urgent() ? "alert.message.urgent" : "alert.message.posted", event.authorName());
	}

	@ApplicationModuleListener
	void on(MessagePosted event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String key = "message:" + event.message();
			// each reader is told in the language they read Caremap in
			for (UserId user : event.staff()) {
				notifications.alert(user, event.urgent() ? URGENT : CATEGORY, title(event, user), null, link(event.thread()), key,
						event.patient());
			}
			for (UserId user : event.outside()) {
				boolean fresh = notifications.alert(user, event.urgent() ? URGENT : CATEGORY, title(event, user), null,
						link(event.thread()), key, event.patient());
				if (!fresh) continue;
				java.util.Locale language = accounts.language(user).orElse(java.util.Locale.ENGLISH);
				accounts.find(user).filter(UserView::enabled).map(UserView::email).filter(e -> !e.isBlank())
					.ifPresent(email -> notifications.queue(email, Alerts.text(messages, language, "email.message.subject"),
							Alerts.text(messages, language, "email.message.body", publicUrl + link(event.thread()))));
			}
		});
	}

	@ApplicationModuleListener
	void on(ThreadRead event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> jdbc.sql("""
				update notification set read_at = now()
				where recipient_id = ? and read_at is null and category in ('message', 'message-urgent') and link = ?""")
			.params(event.reader().value(), link(event.thread()))
			.update());
	}
}
