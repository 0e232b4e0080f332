package org.caremap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.UserId;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The bell: notifications appear with an unread count and can be marked read; e-mail goes through the outbox. */
class NotificationsIT extends IntegrationTest {

	@Autowired
	Notifications notifications;

	@Autowired
	EmailOutbox outbox;

	@Autowired
	UserAccounts accounts;

	@Autowired
	DemoLogins demo;

	@Autowired
	JdbcClient jdbc;

	@Test
	void notificationIsShownCountedAndMarkedRead() {
		UserId intake = accounts.findByUsername("intake").orElseThrow().id();
		notifications.notify(intake, "test", "New referral waiting", "A referral is waiting for screening.", "/");
		long unread = notifications.unreadCount(intake);
		assertThat(unread).isPositive();

		Browserless browser = client();
		browser.login("intake", demo.password("intake").orElseThrow());
		HttpResponse<String> page = browser.get("/notifications");
		assertThat(page.body()).contains("New referral waiting").contains(unread + " unread notifications");

		var id = notifications.recent(intake, 10).stream().filter(n -> n.title().equals("New referral waiting"))
			.findFirst().orElseThrow().id();
		HttpResponse<String> marked = browser.post("/notifications/" + id + "/read", Map.of());
		assertThat(marked.statusCode()).isEqualTo(302);
		assertThat(notifications.unreadCount(intake)).isEqualTo(unread - 1);
	}

	@Test
	void nobodyMarksAnotherUsersNotification() {
		UserId intake = accounts.findByUsername("intake").orElseThrow().id();
		UserId reviewer = accounts.findByUsername("reviewer").orElseThrow().id();
		notifications.notify(intake, "test", "Private to intake", null, null);
		var id = notifications.recent(intake, 1).get(0).id();
		assertThat(notifications.markRead(reviewer, id)).isFalse();
		assertThat(notifications.recent(intake, 1).get(0).unread()).isTrue();
	}

	@Test
	void emailIsQueuedAndProcessedByTheOutboxJob() {
		String subject = "Test message " + java.util.UUID.randomUUID();
		outbox.queue("dana@riverside-care.example", subject, "Hello");
		String status = Eventually.value("the outbox job to process the message", () -> jdbc
			.sql("select status from email_outbox where subject = ?").param(subject).query(String.class).single(),
				s -> !s.equals("PENDING"));
		assertThat(status).as("mail mode is 'log'").isEqualTo("LOGGED");
	}
}
