package org.caremap.notification.internal;

import java.util.List;
import java.util.Locale;

import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.workforce.CredentialExpiring;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A licence or certification about to expire, or a required training about to fall due: the person and the supervisors
 * of their teams are told in the application and by e-mail. Keyed by the thing, its due day and the threshold, so a
 * reminder delivered again after a crash tells nobody twice.
 */
@Component
class CredentialAlerts {

	private final JdbcNotifications notifications;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final MessageSource messages;

	CredentialAlerts(JdbcNotifications notifications, UserAccounts accounts, Organizations organizations, MessageSource messages) {
		this.notifications = notifications;
		this.accounts = accounts;
		this.organizations = organizations;
		this.messages = messages;
	}

	private String what(CredentialExpiring e, Locale l) {
		return Alerts.text(messages, l, "alert.credential.what." + e.kind().name(), e.what());
	}

	@ApplicationModuleListener
	void on(CredentialExpiring e) {
		SystemActor.run("alerts", List.of("SYSTEM"), () -> {
			String key = "credential:" + e.subject() + ":" + e.dueOn() + ":" + e.daysBefore();
			UserView person = accounts.find(e.user()).orElse(null);
			if (person == null) return;
			Locale l = accounts.language(e.user()).orElse(Locale.ENGLISH);
			String title = Alerts.text(messages, l, "alert.credential.own.title", what(e, l), e.dueOn());
			String body = Alerts.text(messages, l, "alert.credential.own.body", e.daysBefore());
			send(person, title, body, "/credentials", key);
			for (UserId supervisor : organizations.supervisorsOf(e.user())) {
				UserView s = accounts.find(supervisor).orElse(null);
				if (s == null || !s.enabled() || s.id().equals(e.user())) continue;
				Locale sl = accounts.language(supervisor).orElse(Locale.ENGLISH);
				send(s, Alerts.text(messages, sl, "alert.credential.team.title", person.displayName(), what(e, sl), e.dueOn()),
						Alerts.text(messages, sl, "alert.credential.team.body", e.daysBefore()),
						"/credentials/staff/" + e.user(), key);
			}
		});
	}

	private void send(UserView to, String title, String body, String link, String key) {
		boolean fresh = notifications.alert(to.id(), "credential-expiring", title, body, link, key);
		if (fresh && to.email() != null && !to.email().isBlank()) notifications.queue(to.email(), title, body);
	}
}
