package org.caremap.workforce.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.workforce.CredentialExpiring;
import org.caremap.workforce.CredentialKind;
import org.caremap.workforce.CredentialView;
import org.caremap.workforce.StaffCredentials;
import org.caremap.workforce.TrainingStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Reminders 60 and 30 days before a licence or certification expires or a required training falls due: published as
 * {@link CredentialExpiring} for the notification module. The db-scheduler job runs on one node at a time, and a row per
 * person, thing, due day and threshold makes each reminder go out once whatever the number of runs or nodes; a thing
 * first seen with 30 days or fewer left gets the 30-day reminder only. A renewal moves the due day, so the new expiry
 * is reminded of in its turn.
 */
@Component
class CredentialReminders {

	static final List<Integer> THRESHOLDS = List.of(30, 60);

	private final JdbcCredentials credentials;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	CredentialReminders(JdbcCredentials credentials, UserAccounts accounts, Organizations organizations, JdbcClient jdbc,
			ApplicationEventPublisher events) {
		this.credentials = credentials;
		this.accounts = accounts;
		this.organizations = organizations;
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional
	int remindToday() {
		return SystemActor.call("workforce-reminders", List.of("SYSTEM"), () -> remind(organizations.today()));
	}

	/** Publishes the reminders due on {@code today} that did not go out yet; returns how many went out now. */
	@Transactional
	int remind(LocalDate today) {
		return remind(today, accounts.list().stream().filter(UserView::enabled).toList());
	}

	/** The reminders of these people only (a test's own, so that a day it pretends is today touches nobody else). */
	@Transactional
	int remind(LocalDate today, java.util.Collection<UserView> staff) {
		int sent = 0;
		for (StaffCredentials s : credentials.load(staff, today).values()) {
			for (CredentialView c : s.credentials()) {
				if (c.superseded()) continue;
				CredentialExpiring.Subject kind = c.kind() == CredentialKind.LICENCE ? CredentialExpiring.Subject.LICENCE
						: CredentialExpiring.Subject.CERTIFICATION;
				if (remind(s.user(), kind, c.id(), JdbcCredentials.label(c.type(), c.state()), c.expiresOn(), today)) sent++;
			}
			for (TrainingStatus t : s.trainings()) {
				if (t.dueOn() == null) continue;
				if (remind(s.user(), CredentialExpiring.Subject.TRAINING, t.training().id(), t.training().name(), t.dueOn(), today)) sent++;
			}
		}
		return sent;
	}

	private boolean remind(UserId user, CredentialExpiring.Subject kind, UUID subject, String what, LocalDate due,
			LocalDate today) {
		long left = ChronoUnit.DAYS.between(today, due);
		if (left < 0) return false;
		Integer threshold = THRESHOLDS.stream().filter(t -> left <= t).findFirst().orElse(null);
		if (threshold == null) return false;
		int fresh = jdbc.sql("""
				insert into workforce_reminder (user_id, subject, due_on, threshold) values (?, ?, ?, ?)
				on conflict do nothing""")
			.params(user.value(), subject, due, threshold).update();
		if (fresh == 0) return false;
		events.publishEvent(new CredentialExpiring(user, kind, subject, what, due, threshold));
		return true;
	}

	@Configuration(proxyBeanMethods = false)
	static class Job {
		@Bean
		RecurringTask<Void> workforceCredentialReminders(CredentialReminders reminders) {
			// hourly; each reminder goes out once, on the first run on or after its day
			return Tasks.recurring("workforce-credential-reminders", FixedDelay.ofHours(1))
				.execute((instance, context) -> reminders.remindToday());
		}
	}
}
