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

	ClockAlerts(JdbcNotifications notifications, MessageSource messages, Organizations organizations) {
		this.notifications = notifications;
		this.messages = messages;
		this.organizations = organizations;
	}

	@ApplicationModuleListener
	void on(ClockAlert event) {
		SystemActor.run("clock-alerts", List.of("SYSTEM"), () -> {
			ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
			String due = org.caremap.shared.DateTexts.dayTime(event.due().atZone(zone), java.util.Locale.ENGLISH);
			boolean breach = event.kind() == ClockAlert.Kind.BREACH;
			String title = Alerts.text(messages, breach ? "alert.clock.breach.title" : "alert.clock.warning.title", event.clock());
			String body = Alerts.text(messages, breach ? "alert.clock.breach.body" : "alert.clock.warning.body", due);
			for (UserId recipient : event.recipients()) {
				notifications.alert(recipient, breach ? "clock-breach" : "clock-warning", title, body,
						"/patients/" + event.patient() + "/tasks", "clock:" + event.instance() + ":" + event.kind(), event.patient());
			}
		});
	}
}
