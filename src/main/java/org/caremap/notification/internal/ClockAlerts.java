package org.caremap.notification.internal;

import java.time.ZoneId;
import java.util.List;

import org.caremap.organization.Organizations;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.task.ClockAlert;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A service-level clock's warning and breach, to the people the task module chose: an alert each, keyed by the clock
 * and the kind, so an event delivered again alerts nobody twice. The title names the clock, not the patient.
 */
@Component
class ClockAlerts {

	private final JdbcNotifications notifications;
	private final MessageSource messages;
	private final Organizations organizations;
	private final org.caremap.identity.UserAccounts accounts;

	ClockAlerts(JdbcNotifications notifications, MessageSource messages, Organizations organizations,
			org.caremap.identity.UserAccounts accounts) {
		this.notifications = notifications;
		this.messages = messages;
		this.organizations = organizations;
		this.accounts = accounts;
	}

	@ApplicationModuleListener
	void on(ClockAlert event) {
		SystemActor.run("clock-alerts", List.of("SYSTEM"), () -> {
			ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
			boolean breach = event.kind() == ClockAlert.Kind.BREACH;
			for (UserId recipient : event.recipients()) {
				// in the language the recipient reads Caremap in
				java.util.Locale language = accounts.language(recipient).orElse(java.util.Locale.ENGLISH);
				String due = org.caremap.shared.DateTexts.dayTime(event.due().atZone(zone), language);
				String title = Alerts.text(messages, language, breach ? "alert.clock.breach.title" : "alert.clock.warning.title",
						event.clock());
				String body = Alerts.text(messages, language, breach ? "alert.clock.breach.body" : "alert.clock.warning.body", due);
				notifications.alert(recipient, breach ? "clock-breach" : "clock-warning", title, body,
						"/patients/" + event.patient() + "/tasks", "clock:" + event.instance() + ":" + event.kind(), event.patient());
			}
		});
	}
}
