package org.caremap.notification.internal;

import java.util.List;
import java.util.Locale;

import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.quality.MonthlySummary;
import org.caremap.shared.SystemActor;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The monthly outcome summary to every supervisor, in the application and by e-mail through the outbox: counts
 * only, never a patient. Keyed by the month, so a summary delivered again after a crash is sent to nobody twice.
 */
@Component
class OutcomeSummaries {

	private final JdbcNotifications notifications;
	private final UserAccounts accounts;
	private final MessageSource messages;

	OutcomeSummaries(JdbcNotifications notifications, UserAccounts accounts, MessageSource messages) {
		this.notifications = notifications;
		this.accounts = accounts;
		this.messages = messages;
	}

	/** The e-mail's body in this language: one line per figure. */
	String body(MonthlySummary summary, Locale l) {
		StringBuilder out = new StringBuilder(Alerts.text(messages, l, "quality.summary.intro", summary.month())).append("\n\n");
		for (MonthlySummary.Figure f : summary.figures()) {
			String name = Alerts.text(messages, l, "quality.measure." + f.key());
			String value = f.value() == null ? Alerts.text(messages, l, "quality.none")
					: Alerts.text(messages, l, "quality.value." + f.unit(), f.value());
			out.append(f.denominator() == null ? Alerts.text(messages, l, "quality.summary.count", name, value)
					: Alerts.text(messages, l, "quality.summary.line", name, value, f.numerator(), f.denominator()))
				.append('\n');
		}
		return out.toString();
	}

	@ApplicationModuleListener
	void on(MonthlySummary summary) {
		SystemActor.run("alerts", List.of("SYSTEM"), () -> {
			for (UserView supervisor : accounts.withRole(Role.SUPERVISOR)) {
				if (!supervisor.enabled()) continue;
				Locale l = accounts.language(supervisor.id()).orElse(Locale.ENGLISH);
				String subject = Alerts.text(messages, l, "quality.summary.subject", summary.month());
				boolean fresh = notifications.alert(supervisor.id(), "outcome-summary", subject, null, "/quality",
						"outcome-summary:" + summary.month());
				if (fresh && supervisor.email() != null && !supervisor.email().isBlank()) {
					notifications.queue(supervisor.email(), subject, body(summary, l));
				}
			}
		});
	}
}
